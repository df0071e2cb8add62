import { Module } from '@nestjs/common';
import { TenantSettingsController } from './tenant-settings.controller';
import { TenantSettingsService } from './tenant-settings.service';

/** Reading and replacing a tenant's metering settings. */
@Module({ controllers: [TenantSettingsController], providers: [TenantSettingsService] })
export class TenantSettingsModule {}
