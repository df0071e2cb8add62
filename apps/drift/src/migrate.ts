// Applies pending migrations as the tables' owner: node … apps/drift/src/migrate.ts
import { loadConfig } from '@tenantry/config';
import { DataSource } from 'typeorm';
import { driftMigrations } from './drift-migrations';
import { driftSettings } from './drift-settings';

async function migrate(): Promise<void> {
  const config = loadConfig(driftSettings);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
    migrations: driftMigrations,
  });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.destroy();
  console.log(`drift: ${applied.length} migration(s) applied`);
}

migrate().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
