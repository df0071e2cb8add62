import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import {
  loadTenantSettings,
  saveTenantSettings,
  tenantSettingsSchema,
  type TenantSettings,
} from './tenant-settings';

/** `/v1/settings`: the tenant's time zone, lateness limit and handling of unknown event types. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('v1/settings')
export class TenantSettingsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('metering:read')
  read(): Promise<TenantSettings> {
    return inTenantTransaction(this.dataSource, (manager) => loadTenantSettings(manager));
  }

  /** Replaces the settings; 422 when a field is missing or out of range. */
  @Put()
  @Roles('metering:admin')
  @ApiBody({ schema: openApiSchema(tenantSettingsSchema) })
  replace(@ValidatedBody(tenantSettingsSchema) settings: TenantSettings): Promise<TenantSettings> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await saveTenantSettings(manager, tenantId, settings, new Date());
      return loadTenantSettings(manager);
    });
  }
}
