import { loadConfig } from '@tenantry/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { z } from 'zod';

/** What a service's migrate.ts names: its settings and its migrations in order. */
export interface MigrationRun<Settings extends MigrationSettings> {
  name: string;
  settings: z.ZodType<Settings>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

interface MigrationSettings {
  DATABASE_URL: string;
  MIGRATION_DATABASE_URL?: string | undefined;
}

/**
 * A service's migrate.ts: applies its pending migrations in one transaction as the tables'
 * owner (MIGRATION_DATABASE_URL, default DATABASE_URL); a failure sets the exit code 1.
 */
export async function runMigrations<Settings extends MigrationSettings>({
  name,
  settings,
  migrations,
}: MigrationRun<Settings>): Promise<void> {
  try {
    const config = loadConfig(settings);
    const dataSource = await new DataSource({
      type: 'postgres',
      url: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
      migrations,
    }).initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      console.log(`${name}: ${applied.length} migration(s) applied`);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
