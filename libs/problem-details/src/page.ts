import { z } from 'zod';
import { encodePageCursor } from './page-cursor';

/** Every list answer: one page of items and the cursor of the next page (null on the last). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The zod schema of a {@link Page} of `item`, for the OpenAPI document. */
export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('pass as `cursor` for the next page; null on the last'),
  });
}

/** The query parameters of every list: `limit` (1..`maxLimit`, default `defaultLimit`) and an opaque `cursor`. */
export function pageQuerySchema(defaultLimit = 100, maxLimit = 1000) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: z.string().max(1024).optional().describe('the `nextCursor` of the previous page'),
  });
}

/**
 * The page of `rows` read in list order with `LIMIT limit + 1`: the extra row only tells that more
 * follow, and the cursor holds the position of the last item returned.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  item: (row: R) => T,
  positionOf: (row: R) => unknown,
): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    data: kept.map(item),
    nextCursor:
      rows.length > limit && last !== undefined ? encodePageCursor(positionOf(last)) : null,
  };
}
