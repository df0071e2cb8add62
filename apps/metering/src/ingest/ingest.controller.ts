import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { Roles } from '@tenantry/auth';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import { DomainError } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import type { Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { DataSource } from 'typeorm';
import { submittedEvents } from './submitted-events';
import { type IngestResult, UsageIngestor } from './usage-ingestor';

/**
 * `POST /v1/events`: one CloudEvent or a batch of up to 1,000, in any content mode of the
 * CloudEvents HTTP binding (see submittedEvents).
 */
@Controller('v1/events')
export class IngestController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestor: UsageIngestor,
  ) {}

  /**
   * A batch answers 200 with one result per event, in order. A single event answers 202
   * when accepted, 200 when it is a duplicate, 409 for a conflict and 422 when rejected.
   */
  @Post()
  @HttpCode(200)
  @Roles('metering:write')
  async ingest(
    @Body() body: unknown,
    @Headers() headers: IncomingHttpHeaders,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { events: submitted, batch } = submittedEvents(headers, body);
    const receivedAt = new Date();
    // Concurrent writers of the same buckets can deadlock; the whole transaction is retried.
    const results = await retryWithBackoff(
      () =>
        inTenantTransaction(this.dataSource, (manager, tenantId) =>
          this.ingestor.ingest(manager, tenantId, submitted, receivedAt),
        ),
      defaultRetryPolicy,
      isTransientError,
    );
    if (batch) return { results, ...tally(results) };
    const [result] = results as [IngestResult];
    if (result.status === 'rejected') {
      throw new DomainError({
        status: 422,
        type: 'usage-event-rejected',
        title: 'Usage event rejected',
        detail: result.reason,
      });
    }
    if (result.status === 'conflict') {
      throw new DomainError({
        status: 409,
        type: 'usage-event-conflict',
        title: 'Conflicting usage event',
        detail: result.reason,
      });
    }
    if (result.status === 'accepted') response.status(202);
    return result;
  }
}

function tally(results: IngestResult[]): Record<IngestResult['status'], number> {
  const counts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const { status } of results) counts[status]++;
  return counts;
}
