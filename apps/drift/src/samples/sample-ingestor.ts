import { Injectable } from '@nestjs/common';
import {
  admitSegmentValues,
  segmentAdmissionOf,
  storedSegmentAdmission,
  type SampleRow,
} from '@tenantry/drift-core';
import { enqueueEvents } from '@tenantry/messaging';
import type { DomainError } from '@tenantry/problem-details';
import type { EntityManager } from 'typeorm';
import { ModelNotFoundError } from '../models/model-not-found.error';
import type { ModelRecord } from '../models/model-record';
import { ModelStore } from '../models/model-store';
import { InvalidSampleRowsError } from './invalid-sample-rows.error';
import {
  sampleBatchesDuplicate,
  sampleBatchesRejected,
  sampleRowsIngested,
  type BatchRejection,
} from './sample-metrics';
import { samplesIngestedEvent } from './samples-ingested-event';
import { usableRows, usableSampleRows } from './usable-rows';
import { WindowFolder } from './window-folder';
import type { SequencedBatch } from './window-rows';

/**
 * A batch of rows for one model, as submitted; `batchId` is its exactly-once key. The rows of a
 * drift.samples event have passed its contract's row schema (`parsed`); those of a request have not.
 */
export type SubmittedBatch =
  | { batchId: string; rows: readonly unknown[]; parsed: false }
  | { batchId: string; rows: readonly SampleRow[]; parsed: true };

/** What became of a submitted batch. */
export type BatchOutcome =
  | { status: 'accepted' | 'duplicate'; batchId: string; rows: number }
  | { status: 'rejected'; batchId: string; reason: BatchRejection; error: DomainError };

/**
 * Accepts sample batches of one model inside the caller's tenant transaction, for the HTTP API
 * and the Kafka consumer alike. A batch is refused whole when the model is unknown or any row is
 * unusable; an accepted batch is stored raw under its id (a repeated id changes nothing), numbered
 * by the model's row sequence, metered, and folded into the windows when the model has an active
 * reference. The model's row is locked throughout: one model's batches are applied one at a time.
 */
@Injectable()
export class SampleIngestor {
  constructor(
    private readonly models: ModelStore,
    private readonly folder: WindowFolder,
  ) {}

  /** One batch; ModelNotFoundError (404) or InvalidSampleRowsError (422) when it is refused. */
  async ingest(
    manager: EntityManager,
    tenantId: string,
    modelKey: string,
    batch: SubmittedBatch,
    receivedAt: Date,
  ): Promise<Extract<BatchOutcome, { status: 'accepted' | 'duplicate' }>> {
    const [outcome] = await this.ingestBatches(manager, tenantId, modelKey, [batch], receivedAt);
    if (outcome!.status === 'rejected') throw outcome!.error;
    return outcome!;
  }

  /** Batches of one model in arrival order; one outcome per batch, in the same order. */
  async ingestBatches(
    manager: EntityManager,
    tenantId: string,
    modelKey: string,
    batches: readonly SubmittedBatch[],
    receivedAt: Date,
  ): Promise<BatchOutcome[]> {
    const model = await this.models.find(manager, modelKey, { forUpdate: true });
    if (!model) {
      const error = new ModelNotFoundError(modelKey);
      sampleBatchesRejected.inc({ reason: 'unknown_model' }, batches.length);
      return batches.map(({ batchId }) => ({
        status: 'rejected',
        batchId,
        reason: 'unknown_model',
        error,
      }));
    }
    const outcomes: BatchOutcome[] = [];
    const usable: Array<{ index: number; batchId: string; rows: SampleRow[] }> = [];
    batches.forEach((batch, index) => {
      const { batchId } = batch;
      try {
        const rows = batch.parsed
          ? usableSampleRows(batch.rows, model.spec)
          : usableRows(batch.rows, model.spec);
        usable.push({ index, batchId, rows });
      } catch (error) {
        if (!(error instanceof InvalidSampleRowsError)) throw error;
        outcomes[index] = { status: 'rejected', batchId, reason: 'invalid_rows', error };
        sampleBatchesRejected.inc({ reason: 'invalid_rows' });
      }
    });

    const known = await storedBatchIds(
      manager,
      modelKey,
      usable.map((batch) => batch.batchId),
    );
    const fresh: Array<SequencedBatch & { batchId: string }> = [];
    let sequence = model.nextSequence;
    for (const { index, batchId, rows } of usable) {
      if (known.has(batchId)) {
        outcomes[index] = { status: 'duplicate', batchId, rows: rows.length };
        sampleBatchesDuplicate.inc();
        continue;
      }
      known.add(batchId);
      fresh.push({ batchId, rows, firstSequence: sequence });
      sequence += rows.length;
      outcomes[index] = { status: 'accepted', batchId, rows: rows.length };
    }
    if (fresh.length > 0) await this.accept(manager, tenantId, model, fresh, receivedAt);
    return outcomes;
  }

  private async accept(
    manager: EntityManager,
    tenantId: string,
    model: ModelRecord,
    fresh: ReadonlyArray<SequencedBatch & { batchId: string }>,
    receivedAt: Date,
  ): Promise<void> {
    const rowCount = fresh.reduce((sum, batch) => sum + batch.rows.length, 0);
    await insertBatches(manager, tenantId, model.key, fresh, receivedAt);
    // Every accepted row takes part in the admission, in sequence order, tracked in windows or not.
    const segmentValues = storedSegmentAdmission(
      admitSegmentValues(
        segmentAdmissionOf(model.segmentValues),
        fresh.flatMap((batch) => batch.rows),
        model.spec,
      ),
    );
    await manager.query(
      `UPDATE drift.models SET next_sequence = next_sequence + $2, segment_values = $3
        WHERE model_key = $1`,
      [model.key, rowCount, JSON.stringify(segmentValues)],
    );
    await enqueueEvents(
      manager,
      fresh.map((batch) =>
        samplesIngestedEvent(tenantId, model.spec, batch.batchId, batch.rows, receivedAt),
      ),
    );
    const activeReference = model.activeReference;
    if (activeReference !== null) {
      await this.folder.fold(
        manager,
        tenantId,
        { ...model, activeReference, segmentValues },
        fresh,
        receivedAt,
      );
    }
    sampleRowsIngested.inc(rowCount);
  }
}

/** The ids among `batchIds` that the model has stored already. */
async function storedBatchIds(
  manager: EntityManager,
  modelKey: string,
  batchIds: string[],
): Promise<Set<string>> {
  if (batchIds.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT batch_id FROM drift.sample_batches WHERE model_key = $1 AND batch_id = ANY($2::text[])`,
    [modelKey, batchIds],
  )) as Array<{ batch_id: string }>;
  return new Set(rows.map((row) => row.batch_id));
}

async function insertBatches(
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
