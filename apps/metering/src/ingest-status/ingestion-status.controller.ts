import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  type Page,
} from '@tenantry/problem-details';
import {
  eventConflictSchema,
  ingestionStatusSchema,
  type EventConflict,
  type IngestionStatus,
} from './ingestion-status';
import { IngestionStatusService } from './ingestion-status.service';

const conflictsQuerySchema = pageQuerySchema();

/** `/v1/ingestion`: how the tenant's events fared, and the audited conflicts. */
@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/ingestion')
export class IngestionStatusController {
  constructor(private readonly ingestion: IngestionStatusService) {}

  @Get('status')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'How the tenant events fared',
    description: 'Counts since the first event, and when events last arrived.',
    answer: { schema: ingestionStatusSchema },
  })
  status(): Promise<IngestionStatus> {
    return this.ingestion.status();
  }

  @Get('conflicts')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'List the conflicting events',
    description:
      'Events that repeated a recorded (source, id) with another payload, newest first, each ' +
      'with the event that stands.',
    query: conflictsQuerySchema,
    answer: { schema: pageSchema(eventConflictSchema) },
  })
  conflicts(@Query() query: unknown): Promise<Page<EventConflict>> {
    return this.ingestion.conflicts(parseQueryParameters(conflictsQuerySchema, query));
  }
}
