import type { DataSource } from 'typeorm';

/** Rows of a table that expire some days after the moment in `timeColumn`. */
export interface RetentionRule {
  /** Schema-qualified table under tenant isolation, e.g. `messaging.inbox`. */
  table: string;
  timeColumn: string;
  horizonDays: number;
}

const sweepFlag = `current_setting('app.retention_sweep', true) = 'on'`;

/**
 * SQL (for a migration) that lets a transaction setting `app.retention_sweep` find and delete
 * expired rows of every tenant, with an index on the time column for it. Nothing else is opened.
 */
export function retentionSweepSql(table: string, timeColumn: string): string[] {
  const name = table.replace('.', '_');
  return [
    `CREATE INDEX ${name}_by_${timeColumn} ON ${table} (${timeColumn})`,
    `CREATE POLICY retention_sweep_read ON ${table} FOR SELECT USING (${sweepFlag})`,
    `CREATE POLICY retention_sweep_delete ON ${table} FOR DELETE USING (${sweepFlag})`,
  ];
}

/**
 * Deletes the rows older than the rule's horizon, `batchSize` rows per transaction (short locks,
 * bounded WAL per commit), until none is left; returns how many it deleted.
 */
export async function deleteExpiredRows(
  dataSource: DataSource,
  { table, timeColumn, horizonDays }: RetentionRule,
  batchSize = 1000,
): Promise<number> {
  const cutoff = new Date(Date.now() - horizonDays * 24 * 60 * 60 * 1000);
  let deleted = 0;
  for (;;) {
    const count = await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.retention_sweep', 'on', true)`);
      const [, affected] = (await manager.query(
        `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM ${table} WHERE ${timeColumn} < $1 LIMIT $2))`,
        [cutoff, batchSize],
      )) as [unknown, number];
      return affected;
    });
    deleted += count;
    if (count < batchSize) return deleted;
  }
}

/**
 * Runs `prune` now and then every `intervalMs` (never two at once) until the returned function
 * is called; it resolves once a run in flight has finished. A failed run is passed to `onError`
 * and retried at the next interval.
 */
export function schedulePruning(
  prune: () => Promise<unknown>,
  onError: (error: unknown) => void,
  intervalMs = 60 * 60 * 1000,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= prune()
      .then(() => undefined, onError)
      .finally(() => (running = undefined));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
