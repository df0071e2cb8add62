import type { CostCap } from '@tenantry/metering-core';
import { queryRow } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A tenant's cost cap, and who set it when. */
export interface StoredCostCap {
  cap: CostCap;
  updatedAt: string;
  updatedBy: string;
}

/** The transaction tenant's cost cap, if it has one. */
export async function loadCostCap(manager: EntityManager): Promise<StoredCostCap | undefined> {
  const row = await queryRow(
    manager,
    z.object({
      amount: z.string(),
      currency: z.string(),
      updated_at: z.date(),
      updated_by: z.string(),
    }),
    `SELECT amount::text, currency, updated_at, updated_by FROM metering.cost_caps`,
  );
  return (
    row && {
      cap: { amount: row.amount, currency: row.currency },
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.updated_by,
    }
  );
}

/** Sets the tenant's cost cap, replacing any earlier one. */
export async function saveCostCap(
  manager: EntityManager,
  tenantId: string,
  cap: CostCap,
  actor: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO metering.cost_caps (tenant_id, amount, currency, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET
       amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [tenantId, cap.amount, cap.currency, actor],
  );
}

/** Removes the transaction tenant's cost cap. */
export async function deleteCostCap(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM metering.cost_caps`);
}
