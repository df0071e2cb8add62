import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, ValidatedBody } from '@tenantry/problem-details';
import { tenantSettingsSchema, type TenantSettings } from './tenant-settings';
import { TenantSettingsService } from './tenant-settings.service';

/** `/v1/settings`: the tenant's time zone, lateness limit and handling of unknown event types. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('v1/settings')
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  @Get()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Read the tenant settings',
    description: 'Defaults until changed: `UTC`, 35 days, `accept`.',
    answer: { schema: tenantSettingsSchema },
  })
  read(): Promise<TenantSettings> {
    return this.settings.read();
  }

  @Put()
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Replace the tenant settings',
    description: 'Every field, as PUT replaces them.',
    body: tenantSettingsSchema,
    answer: { schema: tenantSettingsSchema },
  })
  replace(@ValidatedBody(tenantSettingsSchema) settings: TenantSettings): Promise<TenantSettings> {
    return this.settings.replace(settings);
  }
}
