import type { DataSource, EntityManager } from 'typeorm';
import { requireTenantId } from './tenant-context';

/**
 * Runs `work` in one transaction in which PostgreSQL row-level security sees only
 * `tenantId` (default: the tenant of the current context). The setting is local to the
 * transaction, so a pooled connection never carries it into the next one.
 */
export async function inTenantTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, tenantId: string) => Promise<T>,
  tenantId: string = requireTenantId(),
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await bindTenant(manager, tenantId);
    return work(manager, tenantId);
  });
}

/**
 * Like inTenantTransaction, for reads that must agree with each other: one read-only REPEATABLE
 * READ snapshot, so that a writer committing between two of its queries cannot make them
 * disagree (a row moving from "open" to "judged" seen by neither, say).
 */
export async function inTenantSnapshot<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, tenantId: string) => Promise<T>,
  tenantId: string = requireTenantId(),
): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await bindTenant(manager, tenantId);
    return work(manager, tenantId);
  });
}

/** Points row-level security of the open transaction at `tenantId`. */
export async function bindTenant(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
}
