import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import type { SampleBatchReceipt } from './sample-batch-receipt';
import type { SampleBatchRequest } from './sample-batch-request';
import { SampleIngestor } from './sample-ingestor';

/** Sample batches sent over HTTP, the twin of the drift.samples.v1 consumer. */
@Injectable()
export class SamplesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestor: SampleIngestor,
  ) {}

  /** Ingests one batch in a tenant transaction, retried on transient failures (a serialization conflict with a concurrent batch). */
  async ingest(key: string, request: SampleBatchRequest): Promise<SampleBatchReceipt> {
    const batch = {
      batchId: request.batchId ?? randomUUID(),
      rows: request.rows,
      parsed: false as const,
    };
    const receivedAt = new Date();
    const outcomes = await retryWithBackoff(
      () =>
        inTenantTransaction(this.dataSource, (manager, tenantId) =>
          this.ingestor.ingestBatches(manager, tenantId, key, [batch], receivedAt),
        ),
      defaultRetryPolicy,
      isTransientError,
    );
    // Refused after the transaction, so that its metrics count the refusal once it commits.
    const outcome = outcomes[0]!;
    if (outcome.status === 'rejected') throw outcome.error;
    return { batchId: outcome.batchId, accepted: outcome.rows, status: outcome.status };
  }
}
