import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { ingestLimits, usageEventSchema } from '@tenantry/metering-core';
import { DocumentedOperation, ItemizedBody, openApiSchema } from '@tenantry/problem-details';
import { cloudEventsHttpContentTypes } from '@tenantry/schemas';
import type { Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import {
  ingestAnswerSchema,
  ingestResultSchema,
  tally,
  type BatchIngestAnswer,
  type IngestResult,
} from './ingest-answer';
import { IngestService } from './ingest.service';
import { submittedEvents } from './submitted-events';
import { UsageEventConflictError } from './usage-event-conflict.error';
import { UsageEventRejectedError } from './usage-event-rejected.error';

const submissionSchema = z.union([
  usageEventSchema,
  z.array(usageEventSchema).min(1).max(ingestLimits.maxBatch),
]);

/** `POST /v1/events`: usage events in any content mode of the CloudEvents HTTP binding. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class IngestController {
  constructor(private readonly events: IngestService) {}

  @Post()
  @ItemizedBody()
  @Roles('metering:write')
  @DocumentedOperation({
    summary: 'Send usage events',
    description:
      `One CloudEvent or a batch of up to ${ingestLimits.maxBatch} (8 MB, each event at most 64 KiB), as ` +
      `application/json, ${cloudEventsHttpContentTypes.structured}, ` +
      `${cloudEventsHttpContentTypes.batch}, or in binary mode (\`ce-*\` headers, the body is the ` +
      'data). A batch answers 200 with one result per event, in order; a single event answers ' +
      '202 when accepted, 200 when it is a duplicate, 409 for a conflict and 422 when rejected.',
    body: submissionSchema,
    answer: {
      schema: ingestAnswerSchema,
      description: 'A batch: the result of each event; a single event: a duplicate',
    },
    problems: {
      409: '`usage-event-conflict`: the event id was recorded with other data',
      422: '`usage-event-rejected`: the single event cannot be counted',
    },
  })
  @ApiResponse({
    status: 202,
    description: 'The single event was accepted',
    schema: openApiSchema(ingestResultSchema, 'output'),
  })
  async ingest(
    @Body() body: unknown,
    @Headers() headers: IncomingHttpHeaders,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IngestResult | BatchIngestAnswer> {
    const { events, batch } = submittedEvents(headers, body);
    const results = await this.events.ingest(events);
    if (batch) return { results, ...tally(results) };
    const result = ingestResultSchema.parse(results[0]);
    if (result.status === 'rejected') throw new UsageEventRejectedError(result.reason);
    if (result.status === 'conflict') throw new UsageEventConflictError(result.reason);
    if (result.status === 'accepted') response.status(202);
    return result;
  }
}
