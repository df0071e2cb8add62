import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { problemJsonMediaType } from './problem-details';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'urn:tenantry:problem:<kind>, or about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'every problem of a refused body (JSON Pointer path) or query (parameter)',
      items: { type: 'object', additionalProperties: true },
    },
  },
};

const descriptions: Record<number, string> = {
  400: 'Malformed request: JSON that does not parse, or invalid query parameters',
  401: 'No valid bearer token',
  403: 'The token lacks the role this route needs',
  404: 'No such resource for this tenant',
  409: 'Conflict with the stored state',
  413: 'The body exceeds the size limit',
  415: 'Unsupported media type',
  422: 'The body does not validate; every problem is listed',
};

/**
 * Adds the problem+json answers each operation can give, inferred from its shape: 401/403 for a
 * secured route, 404 for a path with parameters, 400 for query parameters or a body, 413/422 for a
 * body. Error responses the controllers declare themselves get the problem schema too.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: problemSchema },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) addProblems(path, operation);
    }
  }
  return document;
}

function addProblems(path: string, operation: OperationObject): void {
  const statuses = new Set<number>();
  if ((operation.security ?? []).length > 0) [401, 403].forEach((status) => statuses.add(status));
  if (path.includes('{')) statuses.add(404);
  const parameters = (operation.parameters ?? []) as Array<{ in?: string }>;
  if (parameters.some((parameter) => parameter.in === 'query')) statuses.add(400);
  if (operation.requestBody) [400, 413, 422].forEach((status) => statuses.add(status));
  for (const code of Object.keys(operation.responses)) {
    if (Number(code) >= 400) statuses.add(Number(code));
  }
  for (const status of statuses) {
    const declared = operation.responses[status] as ResponseObject | undefined;
    operation.responses[status] = {
      description: declared?.description || descriptions[status] || 'Problem',
      content: { [problemJsonMediaType]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
}
