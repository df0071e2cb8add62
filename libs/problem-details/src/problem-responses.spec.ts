import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './problem-responses';

function document(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/v1/models': {
        post: {
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: {} } } },
          responses: { 201: { description: 'created' }, 409: { description: 'the key exists' } },
        },
      },
      '/v1/models/{key}/windows': {
        get: {
          security: [{ bearer: [] }],
          parameters: [
            { name: 'key', in: 'path', required: true },
            { name: 'limit', in: 'query', required: false },
          ],
          responses: { 200: { description: 'ok' } },
        },
      },
      '/health/live': { get: { responses: { 200: { description: 'ok' } } } },
    },
  };
}

const statusesOf = (operation: { responses: object } | undefined) =>
  Object.keys(operation!.responses).map(Number).sort();

describe('withProblemResponses', () => {
  const result = withProblemResponses(document());

  it('adds the problem answers an operation can give, from its shape', () => {
    expect(statusesOf(result.paths['/v1/models']!.post)).toEqual([
      201, 400, 401, 403, 409, 413, 422,
    ]);
    expect(statusesOf(result.paths['/v1/models/{key}/windows']!.get)).toEqual([
      200, 400, 401, 403, 404,
    ]);
    expect(statusesOf(result.paths['/health/live']!.get)).toEqual([200]);
  });

  it('describes every error answer as problem+json and keeps declared descriptions', () => {
    expect(result.components?.schemas?.['Problem']).toMatchObject({
      required: ['type', 'title', 'status'],
    });
    expect(result.paths['/v1/models']!.post!.responses[409]).toEqual({
      description: 'the key exists',
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      },
    });
  });
});
