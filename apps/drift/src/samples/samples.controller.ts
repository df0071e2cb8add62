import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { sampleBatchRequestSchema, type SampleBatchRequest } from './sample-batch-request';
import { SampleIngestor } from './sample-ingestor';

/** `POST /v1/models/{key}/samples`: a batch of up to 5,000 rows, the HTTP twin of drift.samples.v1. */
@ApiTags('samples')
@ApiBearerAuth()
@Controller('v1/models/:key/samples')
export class SamplesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestor: SampleIngestor,
  ) {}

  /**
   * 202 `{ batchId, accepted, status }`: `accepted` rows, `status` 'duplicate' when the batch id
   * was accepted before (nothing changes). 404 unknown model; 422 listing every unusable row.
   */
  @Post()
  @HttpCode(202)
  @Roles('drift:write')
  @ApiBody({ schema: openApiSchema(sampleBatchRequestSchema) })
  async ingest(
    @Param('key') key: string,
    @ValidatedBody(sampleBatchRequestSchema) request: SampleBatchRequest,
  ): Promise<{ batchId: string; accepted: number; status: 'accepted' | 'duplicate' }> {
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
    const outcome = outcomes[0]!;
    if (outcome.status === 'rejected') throw outcome.error;
    return { batchId: outcome.batchId, accepted: outcome.rows, status: outcome.status };
  }
}
