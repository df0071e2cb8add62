import type { SampleRow } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';

/**
 * The stored rows of a model whose timestamps lie in [from, to), in arrival order (batch
 * sequence, then position in the batch). Rows were validated when their batch was accepted.
 */
export async function receivedRows(
  manager: EntityManager,
  modelKey: string,
  from: Date,
  to: Date,
): Promise<SampleRow[]> {
  const batches = (await manager.query(
    `SELECT rows FROM drift.sample_batches
      WHERE model_key = $1 AND first_time < $3 AND last_time >= $2
      ORDER BY first_sequence`,
    [modelKey, from, to],
  )) as Array<{ rows: SampleRow[] }>;
  const start = from.getTime();
  const end = to.getTime();
  return batches.flatMap(({ rows }) =>
    rows.filter((row) => {
      // The same reading of the timestamp as window folding, so a range and a window agree on a row.
      const time = new Date(row.timestamp).getTime();
      return time >= start && time < end;
    }),
  );
}
