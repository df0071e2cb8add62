import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from './readiness';

/** Ready when PostgreSQL answers `SELECT 1` through the service's own connection pool. */
export function postgresReadiness(dataSource: DataSource, name = 'postgres'): ReadinessCheck {
  return {
    name,
    async check() {
      if (!dataSource.isInitialized) throw new Error('data source not initialized');
      await dataSource.query('SELECT 1');
    },
  };
}
