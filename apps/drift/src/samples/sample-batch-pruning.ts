import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob } from '@tenantry/service-kit';
import { deleteExpiredRows } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';

/** Injection token of DRIFT_SAMPLE_RETENTION_DAYS. */
export const sampleRetentionDays = Symbol('sampleRetentionDays');

/**
 * Deletes sample batches received more than `horizonDays` ago, in batches; returns how many.
 * A batch id is then forgotten: the horizon must exceed drift.samples.v1's retention so that no
 * redelivery can be accepted twice. Windows keep their folded states; what reads raw batches
 * (rebuilds, references and comparisons over received rows) sees the retained ones only.
 */
export function pruneSampleBatches(dataSource: DataSource, horizonDays: number): Promise<number> {
  return deleteExpiredRows(dataSource, {
    table: 'drift.sample_batches',
    timeColumn: 'received_at',
    horizonDays,
  });
}

/** Prunes sample batches past DRIFT_SAMPLE_RETENTION_DAYS, hourly while the service runs. */
@Injectable()
export class SampleBatchPruning extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(sampleRetentionDays) private readonly horizonDays: number,
  ) {
    super(SampleBatchPruning.name, 60 * 60 * 1000);
  }

  protected async runOnce(): Promise<void> {
    await pruneSampleBatches(this.dataSource, this.horizonDays);
  }
}
