import { Module } from '@nestjs/common';
import { TenantSettingsController } from './tenant-settings.controller';

/** Reading and replacing a tenant's metering settings. */
@Module({ controllers: [TenantSettingsController] })
export class TenantSettingsModule {}
