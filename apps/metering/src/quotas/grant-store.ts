import { parseUsageDecimal, usageDecimalString, type Grant } from '@tenantry/metering-core';
import { GrantExistsError } from './grant-exists.error';
import type { EntityManager } from 'typeorm';

/** A grant on a meter's quota as recorded, with why, by whom and when. */
export interface StoredGrant extends Grant {
  meterKey: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

interface GrantRow {
  grant_id: string;
  meter_key: string;
  amount: string;
  effective_at: Date;
  expires_at: Date | null;
  reason: string;
  created_by: string;
  created_at: Date;
}

const columns = `grant_id, meter_key, amount::text AS amount, effective_at, expires_at, reason, created_by, created_at`;

/** The transaction tenant's grants on `meterKeys`, oldest first. */
export async function loadGrants(
  manager: EntityManager,
  meterKeys: readonly string[],
): Promise<StoredGrant[]> {
  const rows = (await manager.query(
    `SELECT ${columns} FROM metering.grants
      WHERE meter_key = ANY($1::text[]) ORDER BY effective_at, created_at, grant_id`,
    [meterKeys],
  )) as GrantRow[];
  return rows.map(storedGrant);
}

/**
 * Records a grant once: sending the same grant id again with the same content answers the
 * recorded grant (a safe retry, `created` false); with other content it is refused (409).
 */
export async function recordGrant(
  manager: EntityManager,
  tenantId: string,
  meterKey: string,
  grant: Grant,
  reason: string,
  actor: string,
): Promise<{ grant: StoredGrant; created: boolean }> {
  const inserted = (await manager.query(
    `INSERT INTO metering.grants (tenant_id, grant_id, meter_key, amount, effective_at, expires_at, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, grant_id) DO NOTHING
     RETURNING ${columns}`,
    [
      tenantId,
      grant.id,
      meterKey,
      grant.amount,
      grant.effectiveAt,
      grant.expiresAt ?? null,
      reason,
      actor,
    ],
  )) as GrantRow[];
  if (inserted[0]) return { grant: storedGrant(inserted[0]), created: true };
  const [row] = (await manager.query(`SELECT ${columns} FROM metering.grants WHERE grant_id = $1`, [
    grant.id,
  ])) as GrantRow[];
  const recorded = storedGrant(row!);
  if (!sameGrant(recorded, { ...grant, meterKey, reason })) {
    throw new GrantExistsError(grant.id);
  }
  return { grant: recorded, created: false };
}

function sameGrant(
  recorded: StoredGrant,
  candidate: Grant & { meterKey: string; reason: string },
): boolean {
  return (
    recorded.meterKey === candidate.meterKey &&
    parseUsageDecimal(recorded.amount).equals(parseUsageDecimal(candidate.amount)) &&
    recorded.effectiveAt.getTime() === candidate.effectiveAt.getTime() &&
    recorded.expiresAt?.getTime() === candidate.expiresAt?.getTime() &&
    recorded.reason === candidate.reason
  );
}

function storedGrant(row: GrantRow): StoredGrant {
  return {
    id: row.grant_id,
    meterKey: row.meter_key,
    amount: usageDecimalString(parseUsageDecimal(row.amount)),
    effectiveAt: row.effective_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
