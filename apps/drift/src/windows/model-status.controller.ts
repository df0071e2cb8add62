import { parseQueryParameters } from '@tenantry/problem-details';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelStore } from '../models/model-store';
import { loadModelStatus, type ModelStatusView } from './drift-status-view';

const statusQuerySchema = z.strictObject({ segment: z.string().max(300).optional() });

/** `GET /v1/models/{key}/status`: where each segment of a model stands. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/status')
export class ModelStatusController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  /**
   * Per segment ('' is the whole model): ok, drifting or no_reference and since when, the last
   * judged window with each column's statistic, value, threshold and status (or status `error` and
   * why it could not be judged), and the open windows' row counts. 404 for an unknown model.
   */
  @Get()
  @Roles('drift:read')
  @ApiQuery({ name: 'segment', required: false, description: "'' or <field>=<value>; all without" })
  status(@Param('key') key: string, @Query() query: unknown): Promise<ModelStatusView> {
    const { segment } = parseQueryParameters(statusQuerySchema, query);
    return inTenantTransaction(this.dataSource, async (manager) =>
      loadModelStatus(manager, await this.models.get(manager, key), segment),
    );
  }
}
