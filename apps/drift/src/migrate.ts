// Applies pending migrations as the tables' owner: node … apps/drift/src/migrate.ts
import { runMigrations } from '@tenantry/service-kit';
import { driftMigrations } from './drift-migrations';
import { driftSettings } from './drift-settings';

void runMigrations({ name: 'drift', settings: driftSettings, migrations: driftMigrations });
