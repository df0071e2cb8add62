import { parseQueryParameters } from '@tenantry/problem-details';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { ModelStore } from '../models/model-store';
import {
  loadWindowHistory,
  windowHistoryQuerySchema,
  type WindowHistoryPage,
} from './window-history';

/** `GET /v1/models/{key}/windows`: the windows of a model and segment with their verdicts. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows')
export class WindowHistoryController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  /**
   * Newest first, open ones included (verdict null), a window that could not be judged with verdict
   * `{ status: 'error', error }`; `nextCursor` pages back. 400 for bad parameters.
   */
  @Get()
  @Roles('drift:read')
  @ApiQuery({ name: 'segment', required: false, description: "'' (default) or <field>=<value>" })
  @ApiQuery({ name: 'from', required: false, description: 'windows ending after, ISO 8601' })
  @ApiQuery({ name: 'to', required: false, description: 'windows starting before, ISO 8601' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  history(@Param('key') key: string, @Query() query: unknown): Promise<WindowHistoryPage> {
    const parameters = parseQueryParameters(windowHistoryQuerySchema, query);
    return inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return loadWindowHistory(manager, key, parameters);
    });
  }
}
