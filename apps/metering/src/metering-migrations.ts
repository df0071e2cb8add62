import {
  BindOutboxToTenants1766000000002,
  CreateMessagingTables1764000000000,
  InboxRetention1766000000000,
} from '@tenantry/messaging';
import { CreateMeteringTables1764100000000 } from './migrations/1764100000000-create-metering-tables';
import { BillingAdjustmentsAndCapSweep1764200000000 } from './migrations/1764200000000-billing-adjustments-and-cap-sweep';
import { CostCapTransitionCount1764400000000 } from './migrations/1764400000000-cost-cap-transition-count';
import { TenantSweep1764300000000 } from './migrations/1764300000000-tenant-sweep';

/** The service's migrations in order (TypeORM runs the ones not yet applied). */
export const meteringMigrations = [
  CreateMessagingTables1764000000000,
  CreateMeteringTables1764100000000,
  BillingAdjustmentsAndCapSweep1764200000000,
  TenantSweep1764300000000,
  CostCapTransitionCount1764400000000,
  InboxRetention1766000000000,
  BindOutboxToTenants1766000000002,
];
