import type { DataSource, EntityManager } from 'typeorm';
import { tenantSweepSetting } from './row-level-security';
import { newTenantContext, runWithTenantContext } from './tenant-context';
import { inTenantTransaction } from './tenant-transaction';

/** A unit of work a sweep found: whatever the discovery query selected, and its tenant. */
export interface SweepItem {
  tenant_id: string;
}

/** Thrown by `sweepTenants` after every item was tried, when some of them failed. */
export class TenantSweepError<Item extends SweepItem> extends Error {
  constructor(readonly failures: ReadonlyArray<{ item: Item; error: unknown }>) {
    super(
      `${failures.length} item(s) failed: ` +
        failures.map(({ item, error }) => `${JSON.stringify(item)}: ${String(error)}`).join('; '),
    );
    this.name = 'TenantSweepError';
  }
}

/** What a sweep looks for, on whose behalf, and what follows each committed item. */
export interface TenantSweep<Item extends SweepItem, Result> {
  /** Selects the items across tenants, each with its `tenant_id` (read only, under app.tenant_sweep). */
  discoverySql: string;
  /** The actor of each item's tenant context (the service's name). */
  actor: string;
  /** Runs after an item's transaction committed, with what its work returned (metrics). */
  afterCommit?(result: Result, item: Item): void;
}

/**
 * The one way to act for every tenant (timers, rollovers). `discoverySql` runs in a read-only
 * transaction with `app.tenant_sweep` on, so it reads across tenants the tables that carry
 * `tenantSweepPolicySql`; each row it returns is an item. Then each item's `work` runs in its
 * tenant's context and in a transaction of its own under the usual row-level security: it sees
 * and writes only that tenant's rows. An item that fails does not stop the others; the failures
 * are thrown together at the end (TenantSweepError).
 */
export async function sweepTenants<Item extends SweepItem, Result = void>(
  dataSource: DataSource,
  sweep: TenantSweep<Item, Result>,
  work: (manager: EntityManager, item: Item) => Promise<Result>,
): Promise<void> {
  const items = await dataSource.transaction(async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await manager.query(`SELECT set_config('${tenantSweepSetting}', 'on', true)`);
    return (await manager.query(sweep.discoverySql)) as Item[];
  });
  const failures: Array<{ item: Item; error: unknown }> = [];
  for (const item of items) {
    const tenantId = item.tenant_id;
    await runWithTenantContext(newTenantContext({ tenantId, actor: sweep.actor }), async () => {
      const result = await inTenantTransaction(
        dataSource,
        (manager) => work(manager, item),
        tenantId,
      );
      sweep.afterCommit?.(result, item);
    }).catch((error: unknown) => failures.push({ item, error }));
  }
  if (failures.length > 0) throw new TenantSweepError(failures);
}
