import { deleteExpiredRows } from '@tenantry/tenant-context';
import type { DataSource } from 'typeorm';

/**
 * Deletes inbox rows received more than `horizonDays` ago, in batches; returns how many. The
 * horizon must exceed the retention of every topic an inbox consumer reads: a redelivered event
 * older than it would find no inbox row and be applied again.
 */
export function pruneInbox(dataSource: DataSource, horizonDays: number): Promise<number> {
  return deleteExpiredRows(dataSource, {
    table: 'messaging.inbox',
    timeColumn: 'received_at',
    horizonDays,
  });
}
