import {
  compileGeneratedClient,
  openApiLintErrors,
  servedAndDocumentedRoutes,
} from '@tenantry/testing';
import { authorization, startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

interface OpenApiOperation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

describe('the metering OpenAPI document', () => {
  let service: MeteringTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    const response = await fetch(`${service.url}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(() => service?.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
    );

  it('lists every route the application serves, but itself', () => {
    const { served, documented } = servedAndDocumentedRoutes(service.app, document);
    expect(served.filter((route) => route !== 'get /openapi.json')).toEqual(documented);
  });

  it('gives every /v1 operation a summary, bearer security and a success answer', () => {
    for (const { path, method, operation } of operations().filter(({ path }) =>
      path.startsWith('/v1/'),
    )) {
      const success = Object.keys(operation.responses).filter((status) => /^2/.test(status));
      expect([
        method,
        path,
        Boolean(operation.summary),
        operation.security,
        success.length > 0,
      ]).toEqual([method, path, true, [{ bearer: [] }], true]);
    }
  });

  it('passes redocly lint with the recommended rules', async () => {
    expect(await openApiLintErrors(document)).toEqual([]);
  });

  it('gives a generated client that compiles and calls the service', async () => {
    const client = await compileGeneratedClient(
      document,
      `import createClient from 'openapi-fetch';
import type { paths } from './api';

/** Defines a meter and lists the tenant's meters through the typed client. */
export async function defineAndList(baseUrl: string, headers: Record<string, string>) {
  const api = createClient<paths>({ baseUrl, headers });
  const defined = await api.POST('/v1/meters', {
    body: { key: 'api-calls', eventType: 'api.call', aggregation: 'COUNT' },
  });
  if (defined.error) throw new Error(defined.error.title);
  const listed = await api.GET('/v1/meters', { params: { query: { limit: 10 } } });
  if (listed.error) throw new Error(listed.error.title);
  return { defined: defined.data.key, listed: listed.data.data.map((meter) => meter.key) };
}
`,
    );
    expect(client.diagnostics).toEqual([]);
    const { defineAndList } = (await import(client.modulePath)) as {
      defineAndList(
        baseUrl: string,
        headers: Record<string, string>,
      ): Promise<{ defined: string; listed: string[] }>;
    };
    expect(await defineAndList(service.url, await authorization('openapi-client'))).toEqual({
      defined: 'api-calls',
      listed: ['api-calls'],
    });
    client.remove();
  });
});
