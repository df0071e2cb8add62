import { parseQueryParameters } from '@tenantry/problem-details';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  loadEventConflicts,
  loadIngestionStatus,
  type EventConflict,
  type IngestionStatus,
} from './ingestion-status';

const conflictPageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** `/v1/ingestion`: how the tenant's events fared, and the audited conflicts. */
@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/ingestion')
export class IngestionStatusController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('status')
  @Roles('metering:read')
  status(): Promise<IngestionStatus> {
    return inTenantTransaction(this.dataSource, (manager) => loadIngestionStatus(manager));
  }

  /** Newest first; `before` (a conflict id) pages back. 400 for a bad limit. */
  @Get('conflicts')
  @Roles('metering:read')
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..1000, default 100' })
  @ApiQuery({ name: 'before', required: false, type: Number, description: 'a conflict id' })
  async conflicts(@Query() query: unknown): Promise<{ conflicts: EventConflict[] }> {
    const { limit, before } = parseQueryParameters(conflictPageSchema, query);
    const conflicts = await inTenantTransaction(this.dataSource, (manager) =>
      loadEventConflicts(manager, limit, before),
    );
    return { conflicts };
  }
}
