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
import { CommittedSampleMetrics } from './committed-sample-metrics';
import { InvalidSampleRowsError } from './invalid-sample-rows.error';
import type { BatchRejection } from './sample-metrics';
import { samplesIngestedEvent } from './samples-ingested-event';
import { usableRows, usableSampleRows } from './usable-rows';
import { WindowFolder } from './window-folder';
import { insertBatches, storedBatchIds } from './sample-batch-store';
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
 * The outcomes are counted in the metrics when the caller's transaction commits.
 */
@Injectable()
export class SampleIngestor {
  constructor(
    private readonly models: ModelStore,
    private readonly folder: WindowFolder,
    private readonly metrics: CommittedSampleMetrics,
  ) {}

  /** Batches of one model in arrival order; one outcome per batch, in the same order. */
  async ingestBatches(
    manager: EntityManager,
    tenantId: string,
    modelKey: string,
    batches: readonly SubmittedBatch[],
    receivedAt: Date,
  ): Promise<BatchOutcome[]> {
    const outcomes = await this.decide(manager, tenantId, modelKey, batches, receivedAt);
    this.metrics.record(manager, outcomes);
    return outcomes;
  }

  private async decide(
    manager: EntityManager,
    tenantId: string,
    modelKey: string,
    batches: readonly SubmittedBatch[],
    receivedAt: Date,
  ): Promise<BatchOutcome[]> {
    const model = await this.models.find(manager, modelKey, { forUpdate: true });
    if (!model) {
      const error = new ModelNotFoundError(modelKey);
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
    await this.models.recordAcceptedRows(manager, model.key, rowCount, segmentValues);
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
  }
}
