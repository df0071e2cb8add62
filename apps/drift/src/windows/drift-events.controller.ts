import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import {
  DocumentedOperation,
  pageSchema,
  parseQueryParameters,
  type Page,
} from '@tenantry/problem-details';
import {
  driftTransitionSchema,
  transitionHistoryQuerySchema,
  type DriftTransition,
} from './transition-history';
import { WindowsService } from './windows.service';

/** `GET /v1/models/{key}/events`: the drift events the service emitted for a model. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/events')
export class DriftEventsController {
  constructor(private readonly windows: WindowsService) {}

  @Get()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'List the drift events sent for a model',
    description:
      'drift.detected, drift.resolved and drift.retrain-requested, newest first, each with the ' +
      'data it carried.',
    query: transitionHistoryQuerySchema,
    answer: { schema: pageSchema(driftTransitionSchema) },
    problems: { 404: '`model-not-found`' },
  })
  events(@Param('key') key: string, @Query() query: unknown): Promise<Page<DriftTransition>> {
    return this.windows.events(key, parseQueryParameters(transitionHistoryQuerySchema, query));
  }
}
