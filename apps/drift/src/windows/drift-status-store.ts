import { initialDriftStatus, type DriftStatus } from '@tenantry/drift-core';
import { queryRow } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, storedJson } from '../row-columns';

/** The hysteresis status of one model and segment and the last window that moved it. */
export interface StoredDriftStatus {
  status: DriftStatus;
  /** Index of the last window that advanced the status; -1 before the first. */
  lastWindow: number;
}

const statusRow = z
  .object({ status: storedJson<DriftStatus>(), last_window: bigintColumn })
  .transform((row): StoredDriftStatus => ({ status: row.status, lastWindow: row.last_window }));

/**
 * Locks the status row of a model and segment until the transaction ends, creating it with the
 * initial status first. Whoever holds the lock is the only one judging that model and segment.
 */
export async function lockDriftStatus(
  manager: EntityManager,
  tenantId: string,
  modelKey: string,
  segment: string,
): Promise<StoredDriftStatus> {
  await manager.query(
    `INSERT INTO drift.statuses (tenant_id, model_key, segment, status, last_window)
     VALUES ($1, $2, $3, $4, -1)
     ON CONFLICT DO NOTHING`,
    [tenantId, modelKey, segment, JSON.stringify(initialDriftStatus())],
  );
  const stored = await queryRow(
    manager,
    statusRow,
    `SELECT status, last_window FROM drift.statuses
      WHERE model_key = $1 AND segment = $2
      FOR UPDATE`,
    [modelKey, segment],
  );
  return stored!;
}

/** Writes the status of a model and segment whose row {@link lockDriftStatus} locked. */
export async function saveDriftStatus(
  manager: EntityManager,
  modelKey: string,
  segment: string,
  { status, lastWindow }: StoredDriftStatus,
): Promise<void> {
  await manager.query(
    `UPDATE drift.statuses SET status = $3, last_window = $4, updated_at = now()
      WHERE model_key = $1 AND segment = $2`,
    [modelKey, segment, JSON.stringify(status), lastWindow],
  );
}
