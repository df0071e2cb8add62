import { enqueueEvents, outgoing } from '@tenantry/messaging';
import type { BillingPeriod } from '@tenantry/metering-core';
import { invoiceFinalized, type InvoiceFinalizedData } from '@tenantry/schemas';
import type { EntityManager } from 'typeorm';
import { holdInvoicingLock } from './billing-locks';
import {
  loadFinalizedInvoices,
  storeFinalizedInvoice,
  type FinalizedInvoice,
} from './finalized-invoices';
import { draftInvoice } from './invoice-drafts';
import { PeriodAlreadyClosedError } from './period-already-closed.error';
import { PeriodNotEndedError } from './period-not-ended.error';
import { meteringEventSource } from '../metering-event-source';

/**
 * Closes a billing period that has ended: finalizes its invoice (never rewritten afterwards),
 * marks the adjustments it bills as billed and puts `invoice.finalized` in the outbox, all in the
 * caller's transaction. The invoicing lock lets usage changes in flight commit first, so the
 * invoice sees them, and makes later ones see the invoice and record adjustments. 422 before the
 * period's end, 409 when it is already closed.
 */
export async function closeBillingPeriod(
  manager: EntityManager,
  tenantId: string,
  period: BillingPeriod,
  actor: string,
  now: Date,
): Promise<FinalizedInvoice> {
  if (period.end.getTime() > now.getTime()) {
    throw new PeriodNotEndedError(period);
  }
  await holdInvoicingLock(manager);
  const existing = (await loadFinalizedInvoices(manager, [period.id])).get(period.id);
  if (existing !== undefined) throw new PeriodAlreadyClosedError(existing);

  const draft = await draftInvoice(manager, period);
  const finalized: FinalizedInvoice = {
    periodId: period.id,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    plan: draft.plan.plan,
    usage: draft.usage,
    invoice: draft.invoice,
    adjustmentIds: draft.adjustmentIds,
    finalizedAt: now.toISOString(),
    finalizedBy: actor,
  };
  if (!(await storeFinalizedInvoice(manager, tenantId, finalized)))
    throw new PeriodAlreadyClosedError(finalized);
  await manager.query(
    `UPDATE metering.invoice_adjustments SET billed_in_period_id = $1 WHERE id = ANY($2::bigint[])`,
    [period.id, draft.adjustmentIds],
  );
  const { invoice } = finalized;
  const data: InvoiceFinalizedData = {
    period: period.id,
    periodStart: finalized.periodStart,
    periodEnd: finalized.periodEnd,
    planKey: invoice.planKey,
    planVersion: invoice.planVersion,
    currency: invoice.currency,
    lines: invoice.lines,
    subtotal: invoice.subtotal,
    total: invoice.total,
    finalizedAt: finalized.finalizedAt,
    finalizedBy: actor,
  };
  await enqueueEvents(manager, [
    outgoing(invoiceFinalized, data, {
      // One invoice per tenant and period: a natural idempotency key for consumers.
      id: `${invoiceFinalized.type}/${tenantId}/${period.id}`,
      source: meteringEventSource,
      tenantid: tenantId,
      subject: period.id,
    }),
  ]);
  return finalized;
}
