import { parseQueryParameters } from '@tenantry/problem-details';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { ModelStore } from '../models/model-store';
import {
  loadTransitionHistory,
  transitionHistoryQuerySchema,
  type TransitionHistoryPage,
} from './transition-history';

/** `GET /v1/models/{key}/events`: the drift events the service emitted for a model. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/events')
export class DriftEventsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  /** drift.detected, drift.resolved and drift.retrain-requested, newest first; `nextCursor` pages back. */
  @Get()
  @Roles('drift:read')
  @ApiQuery({ name: 'segment', required: false, description: "'' or <field>=<value>; all without" })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  events(@Param('key') key: string, @Query() query: unknown): Promise<TransitionHistoryPage> {
    const parameters = parseQueryParameters(transitionHistoryQuerySchema, query);
    return inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return loadTransitionHistory(manager, key, parameters);
    });
  }
}
