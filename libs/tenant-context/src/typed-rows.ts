import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/**
 * Runs `sql` and returns its rows as `row` parses them (numeric strings to numbers and the like).
 * A row that does not match is a programming error, not bad input: it throws a plain Error
 * naming the query.
 */
export async function queryRows<S extends z.ZodType>(
  manager: EntityManager,
  row: S,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<Array<z.output<S>>> {
  const parsed = z.array(row).safeParse(await manager.query(sql, [...parameters]));
  if (parsed.success) return parsed.data;
  throw new Error(
    `rows of "${sql.replace(/\s+/g, ' ').slice(0, 80)}" do not match: ${z.prettifyError(parsed.error)}`,
  );
}

/** The single row of `sql` (see {@link queryRows}), or undefined when there is none. */
export async function queryRow<S extends z.ZodType>(
  manager: EntityManager,
  row: S,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<z.output<S> | undefined> {
  return (await queryRows(manager, row, sql, parameters))[0];
}
