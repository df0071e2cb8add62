import {
  compileGeneratedClient,
  openApiLintErrors,
  servedAndDocumentedRoutes,
} from '@tenantry/testing';
import { authorization, startDriftTestApp, type DriftTestApp } from './drift-test-app';

interface OpenApiOperation {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Routes anyone may call: health and metrics. */
const publicPaths = ['/health/live', '/health/ready', '/metrics'];

/** Every operation of the document as `<method> <path>` with the operation. */
function operationsOf(document: OpenApiDocument): Array<[string, OpenApiOperation]> {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): [string, OpenApiOperation] => [
      `${method} ${path}`,
      operation,
    ]),
  );
}

describe('the OpenAPI document', () => {
  let service: DriftTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await startDriftTestApp();
    const response = await fetch(`${service.url}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(() => service?.close());

  it('lists every route the application serves, but itself', () => {
    const { served, documented } = servedAndDocumentedRoutes(service.app, document);
    expect(served).toContain('get /v1/models/{key}/windows/{windowIndex}/report.html');
    expect(served.filter((route) => route !== 'get /openapi.json')).toEqual(documented);
  });

  it('describes request bodies from the zod schemas', () => {
    expect(document).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Tenantry drift' },
    });
    const comparison =
      document.paths['/v1/models/{key}/comparisons']!['post']!.requestBody!.content[
        'application/json'
      ];
    expect(comparison!.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['challenger', 'from', 'to']),
    });
    const model = document.paths['/v1/models']!['post']!.requestBody!.content['application/json'];
    expect(model!.schema).toMatchObject({ required: expect.arrayContaining(['key', 'features']) });
  });

  it('gives every secured operation its problem+json answers', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security?.length) continue;
        for (const status of ['401', '403']) {
          expect([method, path, status, operation.responses[status]?.content]).toEqual([
            method,
            path,
            status,
            { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          ]);
        }
        if (operation.requestBody) expect(operation.responses['422']).toBeDefined();
        if (path.includes('{')) expect(operation.responses['404']).toBeDefined();
      }
    }
    expect(document.paths['/v1/models/{key}/status']!['get']!.security?.length).toBeGreaterThan(0);
  });

  it('documents the answers the routes declare beside the inferred ones', () => {
    const problem = {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    };
    const create = document.paths['/v1/models']!['post']!;
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['409']).toMatchObject({ content: problem });
    const upload = document.paths['/v1/models/{key}/references']!['post']!;
    expect(upload.responses['201']).toBeDefined();
    expect(upload.responses['415']).toMatchObject({ content: problem });
  });

  it('gives every /v1 operation a summary, bearer security and the schema of its success answer', () => {
    const v1 = operationsOf(document).filter(([route]) => route.includes(' /v1/'));
    expect(v1.length).toBeGreaterThan(15);
    for (const [route, operation] of v1) {
      const [status, success] = Object.entries(operation.responses).find(([code]) =>
        code.startsWith('2'),
      )!;
      expect([route, Boolean(operation.summary), operation.security]).toEqual([
        route,
        true,
        [{ bearer: [] }],
      ]);
      if (status === '204') continue;
      const [content] = Object.values(success.content ?? {});
      expect([route, content?.schema]).toEqual([route, expect.any(Object)]);
    }
  });

  it('leaves the public routes without security', () => {
    for (const path of publicPaths) {
      expect([path, document.paths[path]!['get']!.security ?? []]).toEqual([path, []]);
    }
  });

  it('answers every list with a page and takes limit and cursor', () => {
    const lists = [
      '/v1/models',
      '/v1/models/{key}/references',
      '/v1/models/{key}/windows',
      '/v1/models/{key}/events',
    ];
    for (const path of lists) {
      const list = document.paths[path]!['get']!;
      expect([path, list.parameters!.map((parameter) => parameter.name)]).toEqual([
        path,
        expect.arrayContaining(['limit', 'cursor']),
      ]);
      expect([path, list.responses['200']!.content!['application/json']!.schema]).toMatchObject([
        path,
        { required: ['data', 'nextCursor'], properties: { data: { type: 'array' } } },
      ]);
    }
  });

  it('documents the reference upload in JSON, NDJSON and CSV and the HTML report as a page', () => {
    const upload = document.paths['/v1/models/{key}/references']!['post']!;
    expect(Object.keys(upload.requestBody!.content).sort()).toEqual([
      'application/json',
      'application/x-ndjson',
      'text/csv',
    ]);
    expect(upload.requestBody!.content['text/csv']!.schema).toMatchObject({ type: 'string' });
    const page = document.paths['/v1/models/{key}/windows/{windowIndex}/report.html']!['get']!;
    expect(page.responses['200']!.content).toEqual({
      'text/html': { schema: { type: 'string' } },
    });
  });

  it('passes redocly lint with the recommended rules', async () => {
    expect(await openApiLintErrors(document)).toEqual([]);
  });

  it('gives a generated client that compiles and calls the service', async () => {
    const client = await compileGeneratedClient(
      document,
      `import createClient from 'openapi-fetch';
import type { paths } from './api';

/** Registers a model and lists the tenant's models through the typed client. */
export async function registerAndList(baseUrl: string, headers: Record<string, string>) {
  const api = createClient<paths>({ baseUrl, headers });
  const created = await api.POST('/v1/models', {
    body: { key: 'churn', features: [{ name: 'age', kind: 'numeric' }] },
  });
  if (created.error) throw new Error(created.error.title);
  const listed = await api.GET('/v1/models', { params: { query: { limit: 10 } } });
  if (listed.error) throw new Error(listed.error.title);
  return { created: created.data.key, listed: listed.data.data.map((model) => model.key) };
}
`,
    );
    expect(client.diagnostics).toEqual([]);
    const { registerAndList } = (await import(client.modulePath)) as {
      registerAndList(
        baseUrl: string,
        headers: Record<string, string>,
      ): Promise<{ created: string; listed: string[] }>;
    };
    expect(await registerAndList(service.url, await authorization('openapi-client'))).toEqual({
      created: 'churn',
      listed: ['churn'],
    });
    client.remove();
  });
});
