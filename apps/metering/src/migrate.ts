// Applies pending migrations as the tables' owner: node … apps/metering/src/migrate.ts
import { loadConfig } from '@tenantry/config';
import { DataSource } from 'typeorm';
import { meteringMigrations } from './metering-migrations';
import { meteringSettings } from './metering-settings';

async function migrate(): Promise<void> {
  const config = loadConfig(meteringSettings);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
    migrations: meteringMigrations,
  });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.destroy();
  console.log(`metering: ${applied.length} migration(s) applied`);
}

migrate().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
