import { Body } from '@nestjs/common';
import type { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

/** The request body parsed by `schema` (`@ValidatedBody(schema) body: z.output<typeof schema>`); 422 when it does not match. */
export function ValidatedBody(schema: z.ZodType): ParameterDecorator {
  return Body(new ZodValidationPipe(schema));
}
