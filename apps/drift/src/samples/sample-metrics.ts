import { metricsRegistry } from '@tenantry/observability';
import { Counter } from 'prom-client';

/** Why a sample batch was refused (the `reason` label of drift_sample_batches_rejected_total). */
export type BatchRejection = 'unknown_model' | 'invalid_rows';

/** Sample rows accepted into a model (duplicates and rejected batches excluded). */
export const sampleRowsIngested = new Counter({
  name: 'drift_sample_rows_ingested_total',
  help: 'Sample rows accepted, over HTTP and Kafka (duplicate and rejected batches excluded)',
  registers: [metricsRegistry],
});

/** Sample batches received again and ignored. */
export const sampleBatchesDuplicate = new Counter({
  name: 'drift_sample_batches_duplicate_total',
  help: 'Sample batches whose id was accepted before; they change nothing',
  registers: [metricsRegistry],
});

/** Sample batches refused, by reason. */
export const sampleBatchesRejected = new Counter({
  name: 'drift_sample_batches_rejected_total',
  help: 'Sample batches refused whole, by reason (unknown_model, invalid_rows)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
