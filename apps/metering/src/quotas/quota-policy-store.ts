import { quotaPolicySchema, type QuotaPolicy } from '@tenantry/metering-core';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A tenant's quota on one meter as stored, with who changed it last and when. */
export interface StoredQuotaPolicy {
  policy: QuotaPolicy;
  updatedAt: Date;
  updatedBy: string;
}

const policyRow = z
  .object({ policy: quotaPolicySchema, updated_at: z.date(), updated_by: z.string() })
  .transform((row): StoredQuotaPolicy => ({
    policy: row.policy,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }));

/** The transaction tenant's quota policies of `meterKeys`, by meter key. */
export function loadQuotaPolicies(
  manager: EntityManager,
  meterKeys: readonly string[],
): Promise<StoredQuotaPolicy[]> {
  return queryRows(
    manager,
    policyRow,
    `SELECT policy, updated_at, updated_by FROM metering.quota_policies
      WHERE meter_key = ANY($1::text[]) ORDER BY meter_key`,
    [meterKeys],
  );
}

/** Up to `count` of the transaction tenant's quota policies with a meter key after `afterMeterKey`, by meter key. */
export function quotaPolicyPage(
  manager: EntityManager,
  afterMeterKey: string | undefined,
  count: number,
): Promise<StoredQuotaPolicy[]> {
  return queryRows(
    manager,
    policyRow,
    `SELECT policy, updated_at, updated_by FROM metering.quota_policies
      WHERE $1::text IS NULL OR meter_key COLLATE "C" > $1
      ORDER BY meter_key COLLATE "C" LIMIT $2`,
    [afterMeterKey ?? null, count],
  );
}

/** Creates or replaces the quota on `policy.meterKey`. */
export async function saveQuotaPolicy(
  manager: EntityManager,
  tenantId: string,
  policy: QuotaPolicy,
  actor: string,
): Promise<StoredQuotaPolicy> {
  const saved = await queryRow(
    manager,
    policyRow,
    `INSERT INTO metering.quota_policies (tenant_id, meter_key, policy, updated_at, updated_by)
     VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (tenant_id, meter_key) DO UPDATE
       SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
     RETURNING policy, updated_at, updated_by`,
    [tenantId, policy.meterKey, JSON.stringify(policy), actor],
  );
  return saved!;
}

/** Removes the quota on a meter; false when there was none. Its grants stay on record. */
export async function removeQuotaPolicy(
  manager: EntityManager,
  meterKey: string,
): Promise<boolean> {
  // Counted in a SELECT: TypeORM answers a bare DELETE with [rows, count] instead of rows.
  const { removed } = (await queryRow(
    manager,
    z.object({ removed: z.number().int() }),
    `WITH removed AS (DELETE FROM metering.quota_policies WHERE meter_key = $1 RETURNING 1)
     SELECT count(*)::int AS removed FROM removed`,
    [meterKey],
  ))!;
  return removed > 0;
}
