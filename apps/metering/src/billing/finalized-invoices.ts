import type { Aggregation, Invoice, Plan } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

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

type StoredDocument = Omit<FinalizedInvoice, 'periodId' | 'finalizedAt' | 'finalizedBy'>;

interface InvoiceRow {
  period_id: string;
  invoice: StoredDocument;
  finalized_at: Date;
  finalized_by: string;
}

/** The transaction tenant's finalized invoices of `periodIds` (YYYY-MM), by period. */
export async function loadFinalizedInvoices(
  manager: EntityManager,
  periodIds: readonly string[],
): Promise<Map<string, FinalizedInvoice>> {
  if (periodIds.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT period_id, invoice, finalized_at, finalized_by FROM metering.invoices
      WHERE period_id = ANY($1::text[])`,
    [periodIds],
  )) as InvoiceRow[];
  return new Map(rows.map((row) => [row.period_id, finalizedInvoiceOf(row)]));
}

/** The ids of the transaction tenant's closed periods from `firstPeriodId` (YYYY-MM) on. */
export async function closedPeriodsSince(
  manager: EntityManager,
  firstPeriodId: string,
): Promise<Set<string>> {
  const rows = (await manager.query(
    `SELECT period_id FROM metering.invoices WHERE period_id >= $1`,
    [firstPeriodId],
  )) as Array<{ period_id: string }>;
  return new Set(rows.map((row) => row.period_id));
}

/** Stores a finalized invoice; false when the period already has one (it is never rewritten). */
export async function storeFinalizedInvoice(
  manager: EntityManager,
  tenantId: string,
  finalized: FinalizedInvoice,
): Promise<boolean> {
  const { periodId, finalizedAt, finalizedBy, ...document } = finalized;
  const inserted = (await manager.query(
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
  )) as unknown[];
  return inserted.length === 1;
}

function finalizedInvoiceOf(row: InvoiceRow): FinalizedInvoice {
  return {
    periodId: row.period_id,
    ...row.invoice,
    finalizedAt: row.finalized_at.toISOString(),
    finalizedBy: row.finalized_by,
  };
}
