import type { DataSource } from 'typeorm';
import { tenantSweepPolicySql } from './row-level-security';
import { sweepTenants } from './tenant-sweep';

/** Rows of a table that expire some days after the moment in `timeColumn`. */
export interface RetentionRule {
  /** Schema-qualified table under tenant isolation, e.g. `messaging.inbox`. */
  table: string;
  timeColumn: string;
  horizonDays: number;
}

/**
 * SQL (for a migration) that lets `deleteExpiredRows` find the tenants with expired rows (the
 * read-only tenant sweep policy) and an index on the time column for it.
 */
export function retentionSweepSql(table: string, timeColumn: string): string[] {
  return [
    `CREATE INDEX ${table.replace('.', '_')}_by_${timeColumn} ON ${table} (${timeColumn})`,
    tenantSweepPolicySql(table),
  ];
}

/**
 * Deletes the rows older than the rule's horizon and returns how many. The tenants with expired
 * rows are found by a tenant sweep; each tenant's rows are deleted in its own transactions,
 * `batchSize` rows at a time (short locks, bounded WAL per commit), until none is left.
 */
export async function deleteExpiredRows(
  dataSource: DataSource,
  { table, timeColumn, horizonDays }: RetentionRule,
  batchSize = 1000,
): Promise<number> {
  const expired = `${timeColumn} < now() - make_interval(days => ${Math.trunc(horizonDays)})`;
  let deleted = 0;
  for (;;) {
    let deletedThisRound = 0;
    await sweepTenants<{ tenant_id: string }, number>(
      dataSource,
      {
        discoverySql: `SELECT DISTINCT tenant_id FROM ${table} WHERE ${expired}`,
        actor: 'retention',
        afterCommit: (count) => (deletedThisRound += count),
      },
      async (manager) => {
        const [, count] = (await manager.query(
          `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
             SELECT ctid FROM ${table} WHERE ${expired} LIMIT $1))`,
          [batchSize],
        )) as [unknown, number];
        return count;
      },
    );
    deleted += deletedThisRound;
    if (deletedThisRound === 0) return deleted;
  }
}
