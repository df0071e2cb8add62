import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI 3.0 schema of what a zod schema accepts, for `@ApiBody({ schema })`. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaObject;
}
