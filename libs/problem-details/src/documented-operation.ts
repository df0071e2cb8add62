import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchema } from './openapi-schema';

/** What the OpenAPI document says of one operation, from the zod schemas the handler uses. */
export interface OperationDescription {
  summary: string;
  description?: string;
  /** The JSON request body (a mismatch answers 422). */
  body?: z.ZodType;
  /**
   * Media types the body may come in besides JSON (`text/csv`, `application/x-ndjson`), each with
   * what it holds; documented as text. The handler must read such a body through a parameter
   * decorator of its own: a `@Body()` parameter makes @nestjs/swagger write a JSON-only request
   * body over this one.
   */
  textBodies?: Record<string, string>;
  /** The query parameters (a mismatch answers 400). */
  query?: z.ZodObject;
  /**
   * The success answer: status (default 200; also set as the handler's status), body (none for
   * 204) and its media type (default application/json; `text/html` for a page, say).
   */
  answer?: { status?: number; schema?: z.ZodType; description?: string; mediaType?: string };
  /** The problems this operation answers beyond the inferred ones (401/403/404/400/413/422), and what each means here. */
  problems?: Record<number, string>;
}

/**
 * Documents an operation from the same zod schemas that validate it: summary, request body, query
 * parameters, the success answer and its problems (which get the problem+json schema in the
 * document).
 */
export function DocumentedOperation(operation: OperationDescription): MethodDecorator {
  const status = operation.answer?.status ?? 200;
  const decorators: MethodDecorator[] = [
    ApiOperation({
      summary: operation.summary,
      description: operation.description,
      ...(operation.textBodies ? { requestBody: requestBodyOf(operation) } : {}),
    }),
    HttpCode(status),
    ApiResponse({
      status,
      description: operation.answer?.description ?? (status === 204 ? 'No content' : 'OK'),
      ...answerContent(operation.answer),
    }),
  ];
  if (operation.body && !operation.textBodies) {
    decorators.push(ApiBody({ schema: openApiSchema(operation.body) }));
  }
  for (const [name, schema] of Object.entries(operation.query?.shape ?? {})) {
    decorators.push(
      ApiQuery({
        name,
        required: !schema.safeParse(undefined).success,
        schema: openApiSchema(schema),
        ...(schema.description ? { description: schema.description } : {}),
      }),
    );
  }
  for (const [problemStatus, description] of Object.entries(operation.problems ?? {})) {
    decorators.push(ApiResponse({ status: Number(problemStatus), description }));
  }
  return applyDecorators(...decorators);
}

function requestBodyOf({ body, textBodies = {} }: OperationDescription) {
  const text = Object.entries(textBodies).map(([mediaType, description]) => [
    mediaType,
    { schema: { type: 'string' as const, description } },
  ]);
  return {
    required: true,
    content: Object.fromEntries([
      ...(body ? [['application/json', { schema: openApiSchema(body) }]] : []),
      ...text,
    ]),
  };
}

// A JSON answer goes through @nestjs/swagger's `schema` (wrapped as application/json); another
// media type needs its content spelled out.
function answerContent(answer: OperationDescription['answer']) {
  if (!answer?.schema) return {};
  const schema = openApiSchema(answer.schema, 'output');
  if (!answer.mediaType) return { schema };
  return { content: { [answer.mediaType]: { schema } } };
}
