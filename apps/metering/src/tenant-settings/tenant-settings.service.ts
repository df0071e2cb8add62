import { Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { loadTenantSettings, saveTenantSettings, type TenantSettings } from './tenant-settings';

/** The request tenant's metering settings. */
@Injectable()
export class TenantSettingsService {
  constructor(private readonly dataSource: DataSource) {}

  read(): Promise<TenantSettings> {
    return inTenantTransaction(this.dataSource, (manager) => loadTenantSettings(manager));
  }

  /** Replaces every setting. */
  replace(settings: TenantSettings): Promise<TenantSettings> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await saveTenantSettings(manager, tenantId, settings, new Date());
      return loadTenantSettings(manager);
    });
  }
}
