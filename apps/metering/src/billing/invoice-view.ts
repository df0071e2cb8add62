import { z } from 'zod';
import type { FinalizedInvoice } from './finalized-invoices';
import type { InvoiceDraft } from './invoice-drafts';

const amount = z.string().describe("a decimal string rounded to the currency's minor units");

/** One line of an invoice (core InvoiceLine). */
const invoiceLineSchema = z.object({
  kind: z.enum(['usage', 'flat', 'minimum', 'adjustment']),
  meterKey: z.string().optional(),
  description: z.string(),
  quantity: z.string().optional(),
  unitPrice: z.string().optional().describe('for per-unit charges'),
  amount,
  originalPeriod: z
    .string()
    .optional()
    .describe('for adjustments: the period the usage belongs to'),
  reason: z.string().optional().describe('for adjustments: why it is billed now'),
});

/** An invoice (core Invoice). */
export const invoiceSchema = z.object({
  planKey: z.string(),
  planVersion: z.number().int(),
  period: z.string(),
  currency: z.string(),
  lines: z.array(invoiceLineSchema),
  subtotal: amount.describe("the period's own lines"),
  total: amount.describe('the subtotal and the adjustments of earlier periods'),
});

/** An invoice as the API shows it: a draft (preview) or final, with its period's bounds. */
export const invoiceViewSchema = invoiceSchema.extend({
  status: z.enum(['draft', 'finalized']),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  finalizedAt: z.iso.datetime().optional(),
  finalizedBy: z.string().optional(),
});

/** An invoice as the API shows it. */
export type InvoiceView = z.output<typeof invoiceViewSchema>;

/** The view of an invoice that closing the period now would give. */
export function draftView(draft: InvoiceDraft): InvoiceView {
  return {
    status: 'draft',
    ...draft.invoice,
    periodStart: draft.period.start.toISOString(),
    periodEnd: draft.period.end.toISOString(),
  };
}

/** The view of a finalized invoice. */
export function finalizedView(finalized: FinalizedInvoice): InvoiceView {
  return {
    status: 'finalized',
    ...finalized.invoice,
    periodStart: finalized.periodStart,
    periodEnd: finalized.periodEnd,
    finalizedAt: finalized.finalizedAt,
    finalizedBy: finalized.finalizedBy,
  };
}
