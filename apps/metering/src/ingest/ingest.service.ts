import { Injectable } from '@nestjs/common';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import type { IngestResult } from './ingest-answer';
import { UsageIngestor } from './usage-ingestor';

/** Usage events sent over HTTP, the twin of the usage consumer. */
@Injectable()
export class IngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestor: UsageIngestor,
  ) {}

  /** Records the caller tenant's raw events in one transaction; one result per event, in order. */
  ingest(events: unknown[]): Promise<IngestResult[]> {
    const receivedAt = new Date();
    // Concurrent writers of the same buckets can deadlock; the whole transaction is retried.
    return retryWithBackoff(
      () =>
        inTenantTransaction(this.dataSource, (manager, tenantId) =>
          this.ingestor.ingest(manager, tenantId, events, receivedAt),
        ),
      defaultRetryPolicy,
      isTransientError,
    );
  }
}
