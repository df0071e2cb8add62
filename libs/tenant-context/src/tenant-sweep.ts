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
        failures
          .map(({ item, error }) => `${JSON.stringify(item)}: ${String(error)}`)
          .join('; '),
    );
    this.name = 'TenantSweepError';
  }
}

/**
 * The one way to act for every tenant (timers, rollovers). `discoverySql` runs in a read-only
 * transaction with `app.tenant_sweep` on, so it reads across tenants the tables that carry
 * `tenantSweepPolicySql`; each row it returns (with its `tenant_id`) is an item. Then each item's
 * `work` runs in that tenant's context (`actor`) and in a transaction of its own under the usual
 * row-level security: it sees and writes only its tenant's rows. An item that fails does not stop
 * the others; the failures are thrown together at the end (TenantSweepError).
 */
export async function sweepTenants<Item extends SweepItem>(
  dataSource: DataSource,
  { discoverySql, actor }: { discoverySql: string; actor: string },
  work: (manager: EntityManager, item: Item) => Promise<void>,
): Promise<void> {
  const items = await dataSource.transaction(async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await manager.query(`SELECT set_config('${tenantSweepSetting}', 'on', true)`);
    return (await manager.query(discoverySql)) as Item[];
  });
  const failures: Array<{ item: Item; error: unknown }> = [];
  for (const item of items) {
    const tenantId = item.tenant_id;
    await runWithTenantContext(newTenantContext({ tenantId, actor }), () =>
      inTenantTransaction(dataSource, (manager) => work(manager, item), tenantId),
    ).catch((error: unknown) => failures.push({ item, error }));
  }
  if (failures.length > 0) throw new TenantSweepError(failures);
}
