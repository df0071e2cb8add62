import {
  BindOutboxToTenants1766000000000,
  CreateMessagingTables1764000000000,
} from '@tenantry/messaging';
import { CreateDriftTables1765000000000 } from './migrations/1765000000000-create-drift-tables';
import { TenantSweep1765100000000 } from './migrations/1765100000000-tenant-sweep';

/** The service's migrations in order (TypeORM runs the ones not yet applied). */
export const driftMigrations = [
  CreateMessagingTables1764000000000,
  CreateDriftTables1765000000000,
  TenantSweep1765100000000,
  BindOutboxToTenants1766000000000,
];
