import {
  BindOutboxToTenants1766000000002,
  CreateMessagingTables1764000000000,
  InboxRetention1766000000000,
} from '@tenantry/messaging';
import { CreateDriftTables1765000000000 } from './migrations/1765000000000-create-drift-tables';
import { TenantSweep1765100000000 } from './migrations/1765100000000-tenant-sweep';
import { SampleBatchRetention1766000000001 } from './migrations/1766000000001-sample-batch-retention';

/** The service's migrations in order (TypeORM runs the ones not yet applied). */
export const driftMigrations = [
  CreateMessagingTables1764000000000,
  CreateDriftTables1765000000000,
  TenantSweep1765100000000,
  InboxRetention1766000000000,
  SampleBatchRetention1766000000001,
  BindOutboxToTenants1766000000002,
];
