import {
  meterDefinitionSchema,
  planSchema,
  type Aggregation,
  type Invoice,
  type Plan,
} from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { invoiceSchema } from './invoice-view';

/** A meter's usage in a period as an invoice billed it, and the aggregation it was read with. */
export interface MeteredUsage {
  /** Null when the meter did not exist yet: it had no usage then. */
  aggregation: Aggregation | null;
  quantity: string;
}

/**
 * A closed billing period: the invoice as finalized, with the plan and the usage (per charged
 * meter) it priced, which later adjustments of the period are measured against.
 */
export interface FinalizedInvoice {
  periodId: string;
  periodStart: string;
  periodEnd: string;
  plan: Plan;
  usage: Record<string, MeteredUsage>;
  invoice: Invoice;
  /** The adjustments of earlier periods this invoice billed. */
  adjustmentIds: string[];
  finalizedAt: string;
  finalizedBy: string;
}

// What storeFinalizedInvoice writes to metering.invoices.invoice.
const storedDocumentSchema = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  plan: planSchema,
  usage: z.record(
    z.string(),
    z.object({
      aggregation: meterDefinitionSchema.shape.aggregation.nullable(),
      quantity: z.string(),
    }),
  ),
  invoice: invoiceSchema,
  adjustmentIds: z.array(z.string()),
});

const invoiceRow = z
  .object({
    period_id: z.string(),
    invoice: storedDocumentSchema,
    finalized_at: z.date(),
    finalized_by: z.string(),
  })
  .transform((row): FinalizedInvoice => ({
    periodId: row.period_id,
    ...row.invoice,
    finalizedAt: row.finalized_at.toISOString(),
    finalizedBy: row.finalized_by,
  }));

const periodIdRow = z.object({ period_id: z.string() });

/** The transaction tenant's finalized invoices of `periodIds` (YYYY-MM), by period. */
export async function loadFinalizedInvoices(
  manager: EntityManager,
  periodIds: readonly string[],
): Promise<Map<string, FinalizedInvoice>> {
  if (periodIds.length === 0) return new Map();
  const invoices = await queryRows(
    manager,
    invoiceRow,
    `SELECT period_id, invoice, finalized_at, finalized_by FROM metering.invoices
      WHERE period_id = ANY($1::text[])`,
    [periodIds],
  );
  return new Map(invoices.map((invoice) => [invoice.periodId, invoice]));
}

/** The ids of the transaction tenant's closed periods from `firstPeriodId` (YYYY-MM) on. */
export async function closedPeriodsSince(
  manager: EntityManager,
  firstPeriodId: string,
): Promise<Set<string>> {
  const rows = await queryRows(
    manager,
    periodIdRow,
    `SELECT period_id FROM metering.invoices WHERE period_id >= $1`,
    [firstPeriodId],
  );
  return new Set(rows.map((row) => row.period_id));
}

/** Stores a finalized invoice; false when the period already has one (it is never rewritten). */
export async function storeFinalizedInvoice(
  manager: EntityManager,
  tenantId: string,
  finalized: FinalizedInvoice,
): Promise<boolean> {
  const { periodId, finalizedAt, finalizedBy, ...document } = finalized;
  const inserted = await queryRows(
    manager,
    periodIdRow,
    `INSERT INTO metering.invoices (tenant_id, period_id, currency, invoice, total, finalized_at, finalized_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, period_id) DO NOTHING
     RETURNING period_id`,
    [
      tenantId,
      periodId,
      finalized.invoice.currency,
      JSON.stringify(document),
      finalized.invoice.total,
      finalizedAt,
      finalizedBy,
    ],
  );
  return inserted.length === 1;
}
