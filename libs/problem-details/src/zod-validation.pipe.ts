import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Parses a handler argument with a zod schema; a mismatch becomes a 422 problem listing each issue. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return this.schema.parse(value);
  }
}
