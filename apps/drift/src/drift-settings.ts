import { serviceInfrastructureSettings } from '@tenantry/service-kit';
import { z } from 'zod';

/** Everything the drift service reads from its environment. */
export const driftSettings = serviceInfrastructureSettings.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  DATABASE_URL: z.url().default('postgres://tenantry_app@127.0.0.1:5432/tenantry_drift'),
  /** Most sample batches (events of up to 5,000 rows each) applied in one transaction by the consumer. */
  DRIFT_CONSUMER_BATCH: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * Days a stored sample batch (raw rows, and the batch id's exactly-once record) is kept; longer
   * than drift.samples.v1's 7-day retention, so that a redelivered batch is never counted twice.
   */
  DRIFT_SAMPLE_RETENTION_DAYS: z.coerce.number().int().min(8).default(30),
  /** How often due windows are looked for and judged; bounds the detection latency. */
  DRIFT_CLOSE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * Most rows of one reference upload, in any format; more are answered 413. A million rows
   * pin quantile bins far finer than any window's, and keep the fit's memory bounded (see
   * docs/benchmarks.md).
   */
  DRIFT_REFERENCE_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(1_000_000),
  /** Most bytes of one NDJSON or CSV reference upload (64 MiB); more are answered 413. */
  DRIFT_REFERENCE_MAX_BYTES: z.coerce.number().int().min(1).max(1_073_741_824).default(67_108_864),
});

export type DriftSettings = z.output<typeof driftSettings>;
