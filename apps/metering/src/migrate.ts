// Applies pending migrations as the tables' owner: node … apps/metering/src/migrate.ts
import { runMigrations } from '@tenantry/service-kit';
import { meteringMigrations } from './metering-migrations';
import { meteringSettings } from './metering-settings';

void runMigrations({
  name: 'metering',
  settings: meteringSettings,
  migrations: meteringMigrations,
});
