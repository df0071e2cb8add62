import { quotaPolicySchema, type QuotaPolicy } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

/** A tenant's quota on one meter as stored, with who changed it last and when. */
export interface StoredQuotaPolicy {
  policy: QuotaPolicy;
  updatedAt: Date;
  updatedBy: string;
}

interface PolicyRow {
  policy: unknown;
  updated_at: Date;
  updated_by: string;
}

/** The transaction tenant's quota policies, of `meterKeys` when given, by meter key. */
export async function loadQuotaPolicies(
  manager: EntityManager,
  meterKeys?: readonly string[],
): Promise<StoredQuotaPolicy[]> {
  const rows = (await (meterKeys === undefined
    ? manager.query(
        `SELECT policy, updated_at, updated_by FROM metering.quota_policies ORDER BY meter_key`,
      )
    : manager.query(
        `SELECT policy, updated_at, updated_by FROM metering.quota_policies
          WHERE meter_key = ANY($1::text[]) ORDER BY meter_key`,
        [meterKeys],
      ))) as PolicyRow[];
  return rows.map(storedPolicy);
}

/** Creates or replaces the quota on `policy.meterKey`. */
export async function saveQuotaPolicy(
  manager: EntityManager,
  tenantId: string,
  policy: QuotaPolicy,
  actor: string,
): Promise<StoredQuotaPolicy> {
  const [row] = (await manager.query(
    `INSERT INTO metering.quota_policies (tenant_id, meter_key, policy, updated_at, updated_by)
     VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (tenant_id, meter_key) DO UPDATE
       SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
     RETURNING policy, updated_at, updated_by`,
    [tenantId, policy.meterKey, JSON.stringify(policy), actor],
  )) as [PolicyRow];
  return storedPolicy(row);
}

/** Removes the quota on a meter; false when there was none. Its grants stay on record. */
export async function removeQuotaPolicy(
  manager: EntityManager,
  meterKey: string,
): Promise<boolean> {
  // TypeORM answers a DELETE with [rows, affected row count].
  const [, removed] = (await manager.query(
    `DELETE FROM metering.quota_policies WHERE meter_key = $1`,
    [meterKey],
  )) as [unknown[], number];
  return removed > 0;
}

function storedPolicy(row: PolicyRow): StoredQuotaPolicy {
  return {
    policy: quotaPolicySchema.parse(row.policy),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
