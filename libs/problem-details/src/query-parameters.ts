import { DomainError } from '@tenantry/common';
import type { z } from 'zod';

/** One reason a query or path parameter was refused. */
export interface ParameterError {
  parameter: string;
  message: string;
}

/**
 * Parses a request's query string with `schema`. A mismatch is the caller's malformed request:
 * 400 (not the 422 of a body), listing each issue by parameter.
 */
export function parseQueryParameters<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw invalidQueryParameters(
    parsed.error.issues.map((issue) => ({
      parameter: issue.path.join('.'),
      message: issue.message,
    })),
  );
}

/** The 400 problem of a query string with `errors`. */
export function invalidQueryParameters(errors: ParameterError[]): DomainError {
  return new DomainError({
    status: 400,
    type: 'invalid-query-parameters',
    title: 'Invalid query parameters',
    detail: errors
      .map(({ parameter, message }) => `${parameter || 'query'}: ${message}`)
      .join('; '),
    members: { errors },
  });
}
