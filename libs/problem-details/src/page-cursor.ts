import { DomainError } from '@tenantry/common';
import { boundedInput } from '@tenantry/schemas';
import type { z } from 'zod';

/** An opaque cursor for the page after `position` (the sort key of the last item returned). */
export function encodePageCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor of {@link encodePageCursor} holds; 400 when it is not one of `schema`. */
export function decodePageCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const parsed = boundedInput(schema).safeParse(position);
  if (parsed.success) return parsed.data;
  throw new DomainError({
    status: 400,
    type: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: 'The cursor is not one this list returned; start again without it.',
  });
}
