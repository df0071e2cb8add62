import type { SampleRow } from '@tenantry/drift-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, storedJson } from '../row-columns';
import type { SequencedBatch } from './window-rows';

// The rows of a batch were validated when it was accepted.
const storedRows = storedJson<SampleRow[]>();

const batchIdRow = z.object({ batch_id: z.string() });
const batchRowsRow = z.object({ rows: storedRows });
const sequencedBatchRow = z
  .object({ first_sequence: bigintColumn, rows: storedRows })
  .transform((row): SequencedBatch => ({ firstSequence: row.first_sequence, rows: row.rows }));

/** The ids among `batchIds` that the model has stored already. */
export async function storedBatchIds(
  manager: EntityManager,
  modelKey: string,
  batchIds: string[],
): Promise<Set<string>> {
  if (batchIds.length === 0) return new Set();
  const rows = await queryRows(
    manager,
    batchIdRow,
    `SELECT batch_id FROM drift.sample_batches WHERE model_key = $1 AND batch_id = ANY($2::text[])`,
    [modelKey, batchIds],
  );
  return new Set(rows.map((row) => row.batch_id));
}

/** Stores accepted batches raw, each with its first sequence number and time range. */
export async function insertBatches(
  manager: EntityManager,
  tenantId: string,
  modelKey: string,
  batches: ReadonlyArray<SequencedBatch & { batchId: string }>,
  receivedAt: Date,
): Promise<void> {
  const times = batches.map(({ rows }) => rows.map((row) => new Date(row.timestamp).getTime()));
  // The model row lock keeps concurrent writers of this model out, so no id can collide here.
  await manager.query(
    `INSERT INTO drift.sample_batches
       (tenant_id, model_key, batch_id, received_at, first_sequence, row_count, first_time, last_time, rows)
     SELECT $1, $2, * FROM unnest($3::text[], $4::timestamptz[], $5::bigint[], $6::int[],
                                  $7::timestamptz[], $8::timestamptz[], $9::jsonb[])`,
    [
      tenantId,
      modelKey,
      batches.map((batch) => batch.batchId),
      batches.map(() => receivedAt),
      batches.map((batch) => batch.firstSequence),
      batches.map((batch) => batch.rows.length),
      times.map((batch) => new Date(Math.min(...batch))),
      times.map((batch) => new Date(Math.max(...batch))),
      batches.map((batch) => JSON.stringify(batch.rows)),
    ],
  );
}

/**
 * The stored rows of a model whose timestamps lie in [from, to), in arrival order (batch
 * sequence, then position in the batch).
 */
export async function receivedRows(
  manager: EntityManager,
  modelKey: string,
  from: Date,
  to: Date,
): Promise<SampleRow[]> {
  const batches = await queryRows(
    manager,
    batchRowsRow,
    `SELECT rows FROM drift.sample_batches
      WHERE model_key = $1 AND first_time < $3 AND last_time >= $2
      ORDER BY first_sequence`,
    [modelKey, from, to],
  );
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

/** Stored batches read per round trip by {@link trackedBatches}. */
const batchesPerPage = 200;

/** The model's stored batches since windows were first tracked, in sequence order, a page at a time. */
export async function* trackedBatches(
  manager: EntityManager,
  modelKey: string,
): AsyncGenerator<SequencedBatch[]> {
  let after = -1;
  for (;;) {
    const batches = await queryRows(
      manager,
      sequencedBatchRow,
      `SELECT first_sequence, rows FROM drift.sample_batches
        WHERE model_key = $1 AND first_sequence > $2
          AND first_sequence >= (SELECT tracked_from_sequence FROM drift.models WHERE model_key = $1)
        ORDER BY first_sequence
        LIMIT $3`,
      [modelKey, after, batchesPerPage],
    );
    if (batches.length === 0) return;
    yield batches;
    after = batches.at(-1)!.firstSequence;
  }
}
