import { Param } from '@nestjs/common';
import { DomainError } from '@tenantry/common';
import type { z } from 'zod';
import type { ParameterError } from './query-parameters';

/**
 * The path parameter `name` parsed by `schema` (`@ValidatedParam('version', versionSchema)`);
 * 400 invalid-path-parameters when it does not match.
 */
export function ValidatedParam(name: string, schema: z.ZodType): ParameterDecorator {
  return Param(name, {
    transform: (value: unknown) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      throw invalidPathParameters(
        parsed.error.issues.map(({ message }) => ({ parameter: name, message })),
      );
    },
  });
}

/** The 400 problem of path parameters with `errors`. */
export function invalidPathParameters(errors: ParameterError[]): DomainError {
  return new DomainError({
    status: 400,
    type: 'invalid-path-parameters',
    title: 'Invalid path parameters',
    detail: errors.map(({ parameter, message }) => `${parameter}: ${message}`).join('; '),
    members: { errors },
  });
}
