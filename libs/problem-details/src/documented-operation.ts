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
  /** The query parameters (a mismatch answers 400). */
  query?: z.ZodObject;
  /** The success answer: status (default 200; also set as the handler's status) and body (none for 204). */
  answer?: { status?: number; schema?: z.ZodType; description?: string };
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
    ApiOperation({ summary: operation.summary, description: operation.description }),
    HttpCode(status),
    ApiResponse({
      status,
      description: operation.answer?.description ?? (status === 204 ? 'No content' : 'OK'),
      ...(operation.answer?.schema
        ? { schema: openApiSchema(operation.answer.schema, 'output') }
        : {}),
    }),
  ];
  if (operation.body) decorators.push(ApiBody({ schema: openApiSchema(operation.body) }));
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
