import {
  parseUsageDecimal,
  previewInvoice,
  usageDecimalString,
  type BillingPeriod,
  type FinalizedPeriod,
  type Invoice,
  type LateUsage,
  type Plan,
} from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { meterAggregations } from '../meters/meter-aggregations';
import { periodUsage } from '../usage/period-usage';
import { loadFinalizedInvoices, type MeteredUsage } from './finalized-invoices';
import { NoPlanError } from './no-plan.error';
import { planInEffect, type PlanVersion } from './plan-book';

/** What closing a period now would bill: its usage under its plan, and the adjustments due. */
export interface InvoiceDraft {
  period: BillingPeriod;
  plan: PlanVersion;
  usage: Record<string, MeteredUsage>;
  invoice: Invoice;
  /** The unbilled adjustments of earlier periods the invoice bills. */
  adjustmentIds: string[];
}

const pendingAdjustmentRow = z.object({
  id: z.string(),
  meter_key: z.string(),
  original_period_id: z.string(),
  quantity: z.string(),
  reason: z.string(),
});

const billedAdjustmentRow = z.object({
  original_period_id: z.string(),
  meter_key: z.string(),
  quantity: z.string(),
});

/**
 * The usage in `period` of every meter `plan` charges, each read with the aggregation of the
 * meter's version in effect at the end of the period ('0' for a meter that does not exist).
 */
export async function meteredUsage(
  manager: EntityManager,
  plan: Plan,
  period: BillingPeriod,
): Promise<Record<string, MeteredUsage>> {
  const meterKeys = plan.charges.map((charge) => charge.meterKey);
  const lastInstant = new Date(period.end.getTime() - 1);
  const aggregations = await meterAggregations(manager, meterKeys, lastInstant);
  const usage: Record<string, MeteredUsage> = {};
  for (const meterKey of meterKeys) {
    const aggregation = aggregations.get(meterKey) ?? null;
    usage[meterKey] = {
      aggregation,
      quantity:
        aggregation === null
          ? '0'
          : await periodUsage(manager, meterKey, aggregation, period.start, period.end),
    };
  }
  return usage;
}

/** The quantities of metered usage, as core previewInvoice takes them. */
export function quantitiesOf(usage: Record<string, MeteredUsage>): Record<string, string> {
  return Object.fromEntries(Object.entries(usage).map(([key, { quantity }]) => [key, quantity]));
}

/** The plan in effect for `period`; 404 when the tenant has none. */
export async function requirePlanInEffect(
  manager: EntityManager,
  period: BillingPeriod,
): Promise<PlanVersion> {
  const plan = await planInEffect(manager, period.id);
  if (plan === undefined) throw new NoPlanError(period.id);
  return plan;
}

/**
 * The invoice of `period` as it stands: its usage priced with the plan in effect, plus every
 * adjustment not yet billed of a finalized earlier period, priced with that period's plan on top
 * of what was billed for it so far (core previewInvoice, marginal pricing).
 */
export async function draftInvoice(
  manager: EntityManager,
  period: BillingPeriod,
): Promise<InvoiceDraft> {
  const plan = await requirePlanInEffect(manager, period);
  const usage = await meteredUsage(manager, plan.plan, period);
  const pending = await queryRows(
    manager,
    pendingAdjustmentRow,
    `SELECT id::text, meter_key, original_period_id, quantity::text, reason
       FROM metering.invoice_adjustments
      WHERE billed_in_period_id IS NULL AND original_period_id < $1
      ORDER BY id`,
    [period.id],
  );
  const invoice = previewInvoice({
    plan: plan.plan,
    period: period.id,
    usage: quantitiesOf(usage),
    adjustments: pending.map((row): LateUsage => ({
      meterKey: row.meter_key,
      quantity: row.quantity,
      reason: row.reason,
      originalPeriod: row.original_period_id,
    })),
    finalizedPeriods: await billedSoFar(manager, [
      ...new Set(pending.map((row) => row.original_period_id)),
    ]),
  });
  return { period, plan, usage, invoice, adjustmentIds: pending.map((row) => row.id) };
}

/** What was billed for each finalized period: its plan, its invoiced usage plus the adjustments billed since. */
async function billedSoFar(
  manager: EntityManager,
  periodIds: string[],
): Promise<Record<string, FinalizedPeriod>> {
  if (periodIds.length === 0) return {};
  const invoices = await loadFinalizedInvoices(manager, periodIds);
  const billed = await queryRows(
    manager,
    billedAdjustmentRow,
    `SELECT original_period_id, meter_key, sum(quantity)::text AS quantity
       FROM metering.invoice_adjustments
      WHERE billed_in_period_id IS NOT NULL AND original_period_id = ANY($1::text[])
      GROUP BY original_period_id, meter_key`,
    [periodIds],
  );
  const finalized: Record<string, FinalizedPeriod> = {};
  for (const [periodId, invoice] of invoices) {
    const invoicedUsage = quantitiesOf(invoice.usage);
    for (const row of billed.filter((b) => b.original_period_id === periodId)) {
      invoicedUsage[row.meter_key] = addDecimals(invoicedUsage[row.meter_key] ?? '0', row.quantity);
    }
    finalized[periodId] = { plan: invoice.plan, invoicedUsage };
  }
  return finalized;
}

function addDecimals(a: string, b: string): string {
  return usageDecimalString(parseUsageDecimal(a).plus(parseUsageDecimal(b)));
}
