import { parseUsageDecimal, usageDecimalString, type Grant } from '@tenantry/metering-core';
import { GrantExistsError } from './grant-exists.error';
import { rfc3339DateTimeSchema } from '@tenantry/schemas';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A grant on a meter's quota as recorded, with why, by whom and when. */
export interface StoredGrant extends Grant {
  meterKey: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

const grantRow = z
  .object({
    grant_id: z.string(),
    meter_key: z.string(),
    amount: z.string(),
    effective_at: z.date(),
    expires_at: z.date().nullable(),
    reason: z.string(),
    created_by: z.string(),
    created_at: z.date(),
  })
  .transform((row): StoredGrant => ({
    id: row.grant_id,
    meterKey: row.meter_key,
    amount: usageDecimalString(parseUsageDecimal(row.amount)),
    effectiveAt: row.effective_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }));

/** Where a page of grants continues: after this effective time and grant id. */
export const grantPositionSchema = z.tuple([rfc3339DateTimeSchema, z.string()]);

const columns = `grant_id, meter_key, amount::text AS amount, effective_at, expires_at, reason, created_by, created_at`;

/** The transaction tenant's grants on `meterKeys`, oldest first. */
export function loadGrants(
  manager: EntityManager,
  meterKeys: readonly string[],
): Promise<StoredGrant[]> {
  return queryRows(
    manager,
    grantRow,
    `SELECT ${columns} FROM metering.grants
      WHERE meter_key = ANY($1::text[]) ORDER BY effective_at, grant_id COLLATE "C"`,
    [meterKeys],
  );
}

/** Up to `count` grants on `meterKey` in the order of loadGrants, after the grant at `after`. */
export function grantPage(
  manager: EntityManager,
  meterKey: string,
  after: z.output<typeof grantPositionSchema> | undefined,
  count: number,
): Promise<StoredGrant[]> {
  return queryRows(
    manager,
    grantRow,
    `SELECT ${columns} FROM metering.grants
      WHERE meter_key = $1
        AND ($2::timestamptz IS NULL OR (effective_at, grant_id COLLATE "C") > ($2, $3))
      ORDER BY effective_at, grant_id COLLATE "C" LIMIT $4`,
    [meterKey, after?.[0] ?? null, after?.[1] ?? null, count],
  );
}

/** The position of a grant in a page of grants. */
export function grantPosition(grant: StoredGrant): z.output<typeof grantPositionSchema> {
  return [grant.effectiveAt.toISOString(), grant.id];
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
  const [inserted] = await queryRows(
    manager,
    grantRow,
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
  );
  if (inserted) return { grant: inserted, created: true };
  const recorded = (await queryRow(
    manager,
    grantRow,
    `SELECT ${columns} FROM metering.grants WHERE grant_id = $1`,
    [grant.id],
  ))!;
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
