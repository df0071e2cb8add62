import { z } from 'zod';
import { defineEventContract } from '../event-contract';

const amount = z
  .string()
  .regex(/^-?\d+(?:\.\d+)?$/)
  .meta({ description: 'decimal string in the currency minor units, e.g. "93.72"' });

const invoiceLine = z.object({
  kind: z.enum(['usage', 'flat', 'minimum', 'adjustment']).meta({
    description:
      'usage: a metered charge; flat: a fixed fee; minimum: the minimum-commitment true-up; ' +
      'adjustment: usage of an earlier, already invoiced period that arrived late or was corrected',
  }),
  meterKey: z.string().optional(),
  description: z.string(),
  quantity: z.string().optional().meta({ description: 'usage billed, a decimal string' }),
  unitPrice: z.string().optional().meta({ description: 'set for per-unit charges' }),
  amount,
  originalPeriod: z
    .string()
    .optional()
    .meta({ description: 'for adjustments: the period the usage belongs to' }),
  reason: z.string().optional().meta({ description: 'for adjustments: why it is billed now' }),
});

/** What a finalized invoice says: the period, its plan, its lines and what they add up to. */
export interface InvoiceFinalizedData {
  period: string;
  periodStart: string;
  periodEnd: string;
  planKey: string;
  planVersion: number;
  currency: string;
  lines: Array<z.infer<typeof invoiceLine>>;
  subtotal: string;
  total: string;
  finalizedAt: string;
  finalizedBy: string;
}

/** A tenant's billing period was closed: its invoice is final and will never be rewritten. */
export const invoiceFinalized = defineEventContract<InvoiceFinalizedData>({
  type: 'invoice.finalized',
  topic: 'metering.invoice.v1',
  description: [
    "A tenant's billing period (a calendar month in the tenant's time zone) was closed and its",
    'invoice is final: it is never rewritten. Usage of the period that arrives later (late events)',
    'or is corrected (void, amend) is billed as adjustment lines on a later invoice, priced with',
    "this invoice's plan. subtotal adds the period's own lines; total adds the adjustment lines",
    'of earlier periods too (negative: a credit). Amounts are decimal strings rounded half to even',
    'to the currency minor units; each line is rounded once and totals add the rounded lines.',
    'Published once per tenant and period; ce_id is "invoice/<tenant>/<period>".',
  ].join(' '),
  data: z.object({
    period: z.string().meta({ description: 'the billing period, YYYY-MM' }),
    periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
    periodEnd: z.iso.datetime().meta({ description: 'end of the period, exclusive (UTC)' }),
    planKey: z.string(),
    planVersion: z.number().int().positive(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .meta({ description: 'ISO 4217 code' }),
    lines: z.array(invoiceLine),
    subtotal: amount,
    total: amount,
    finalizedAt: z.iso.datetime(),
    finalizedBy: z.string().meta({ description: 'who closed the period' }),
  }),
  example: {
    period: '2026-10',
    periodStart: '2026-09-30T22:00:00.000Z',
    periodEnd: '2026-10-31T23:00:00.000Z',
    planKey: 'growth',
    planVersion: 3,
    currency: 'EUR',
    lines: [
      { kind: 'flat', description: 'Platform fee', amount: '49.00' },
      {
        kind: 'usage',
        meterKey: 'api_calls',
        description: 'api_calls: 0.001 per unit',
        quantity: '120000',
        unitPrice: '0.001',
        amount: '120.00',
      },
      {
        kind: 'adjustment',
        meterKey: 'api_calls',
        description: 'api_calls: late usage for 2026-09 (late event)',
        quantity: '500',
        originalPeriod: '2026-09',
        reason: 'late event',
        amount: '0.50',
      },
    ],
    subtotal: '169.00',
    total: '169.50',
    finalizedAt: '2026-11-01T08:00:00.000Z',
    finalizedBy: 'finance@acme',
  },
});
