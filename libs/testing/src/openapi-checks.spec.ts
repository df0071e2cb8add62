import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileGeneratedClient, openApiLintErrors } from './openapi-checks';

const document = {
  openapi: '3.0.3',
  info: {
    title: 'Widgets',
    version: '1',
    description: 'Widgets per tenant',
    license: { name: 'UNLICENSED', url: 'https://example.com/license' },
  },
  servers: [{ url: 'http://localhost' }],
  security: [],
  paths: {
    '/v1/widgets': {
      get: {
        operationId: 'listWidgets',
        summary: 'List widgets',
        parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'One page of widgets',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
          '400': { description: 'Bad query' },
        },
      },
    },
  },
};

describe('openApiLintErrors', () => {
  it('finds nothing in a clean document', async () => {
    expect(await openApiLintErrors(document)).toEqual([]);
  });

  it('names the rule and place of each error', async () => {
    const broken = structuredClone(document) as Record<string, unknown>;
    const paths = broken['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    paths['/v1/widgets']!['get']!['parameters'] = [{ name: 'limit', in: 'path' }];
    expect(await openApiLintErrors(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[\w-]+ at #\/paths\/~1v1~1widgets/)]),
    );
  });
});

describe('compileGeneratedClient', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          data: [`limit=${new URL(request.url!, 'http://x').searchParams.get('limit')}`],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('type-checks a program against the generated paths and runs it', async () => {
    const client = await compileGeneratedClient(
      document,
      `import createClient from 'openapi-fetch';
import type { paths } from './api';

export async function widgets(baseUrl: string): Promise<string[]> {
  const { data } = await createClient<paths>({ baseUrl }).GET('/v1/widgets', {
    params: { query: { limit: 3 } },
  });
  return data?.data ?? [];
}
`,
    );
    expect(client.diagnostics).toEqual([]);
    const { widgets } = (await import(client.modulePath)) as {
      widgets(baseUrl: string): Promise<string[]>;
    };
    expect(await widgets(baseUrl)).toEqual(['limit=3']);
    client.remove();
  });

  it('reports a call the document does not allow', async () => {
    const client = await compileGeneratedClient(
      document,
      `import createClient from 'openapi-fetch';
import type { paths } from './api';

export const answer = createClient<paths>({ baseUrl: '' }).GET('/v1/widgets', {
  params: { query: { limit: 'three' } },
});
`,
    );
    expect(client.diagnostics.join('\n')).toMatch(/string.*number/s);
    client.remove();
  });
});
