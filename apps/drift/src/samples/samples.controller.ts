import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, ValidatedBody } from '@tenantry/problem-details';
import { sampleBatchReceiptSchema, type SampleBatchReceipt } from './sample-batch-receipt';
import { sampleBatchRequestSchema, type SampleBatchRequest } from './sample-batch-request';
import { SamplesService } from './samples.service';

/** `POST /v1/models/{key}/samples`: a batch of up to 5,000 rows, the HTTP twin of drift.samples.v1. */
@ApiTags('samples')
@ApiBearerAuth()
@Controller('v1/models/:key/samples')
export class SamplesController {
  constructor(private readonly samples: SamplesService) {}

  @Post()
  @Roles('drift:write')
  @DocumentedOperation({
    summary: 'Send a batch of sample rows',
    description:
      'At most 5,000 rows and 8 MB. Taken whole or not at all: any unusable row refuses the ' +
      'batch, listing every reason (the ' +
      'first 20 rows in detail). A batch id counts once, ever; a repeated one changes nothing. ' +
      'Each accepted batch is metered as one `samples.ingested` usage event.',
    body: sampleBatchRequestSchema,
    answer: { status: 202, schema: sampleBatchReceiptSchema },
    problems: {
      404: '`model-not-found`',
      422: 'an invalid body, or `invalid-sample-rows` with the problems of each row',
    },
  })
  ingest(
    @Param('key') key: string,
    @ValidatedBody(sampleBatchRequestSchema) request: SampleBatchRequest,
  ): Promise<SampleBatchReceipt> {
    return this.samples.ingest(key, request);
  }
}
