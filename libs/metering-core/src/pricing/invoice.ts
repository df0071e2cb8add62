import { currencyOf, type Currency } from './currency';
import {
  ExactDecimal,
  exactDecimalString,
  parseDecimal,
  parseQuantity,
  type ExactDecimalValue,
} from './exact-decimal';
import { moneyString, roundToMinorUnits } from './money';
import type { Plan, PlanCharge } from './plan';
import { PricingError } from './pricing-error';
import { exactPrice, type ChargeModel } from './rate-card';

/** Usage that arrived after its period's invoice was finalized (a late event, or a void/amend when negative). */
export interface LateUsage {
  meterKey: string;
  /** Decimal string; negative when a correction takes usage away. */
  quantity: string;
  reason: string;
  /** Id of the finalized period the usage belongs to, e.g. "2026-02". */
  originalPeriod: string;
}

/** What was billed for a finalized period: its plan, and the usage invoiced so far (adjustments included). */
export interface FinalizedPeriod {
  plan: Plan;
  invoicedUsage: Record<string, string>;
}

/** What an invoice preview prices: a period's usage under its plan, plus late usage of finalized periods. */
export interface InvoicePreviewRequest {
  /** A plan as `planSchema` parses it. */
  plan: Plan;
  /** Id of the period being invoiced, e.g. "2026-03". */
  period: string;
  /** Usage per meter key (non-negative decimal strings); meters the plan does not charge are ignored. */
  usage: Record<string, string>;
  adjustments?: LateUsage[];
  /** Every period that an adjustment names, by period id. */
  finalizedPeriods?: Record<string, FinalizedPeriod>;
}

/** What an invoice line bills: metered usage, a fixed fee, the minimum true-up, or a correction of an earlier period. */
export type InvoiceLineKind = 'usage' | 'flat' | 'minimum' | 'adjustment';

/** One line of an invoice; `amount` is rounded to the currency's minor units. */
export interface InvoiceLine {
  kind: InvoiceLineKind;
  meterKey?: string;
  description: string;
  quantity?: string;
  /** Set for per-unit charges, where amount = quantity × unitPrice before rounding. */
  unitPrice?: string;
  amount: string;
  /** For adjustments: the period the usage belongs to, and why it is billed now. */
  originalPeriod?: string;
  reason?: string;
}

/**
 * An invoice: `subtotal` is the sum of this period's lines (usage, fixed fees, minimum
 * true-up), `total` adds the adjustment lines of earlier periods. Both are sums of rounded
 * lines, so the lines always add up to what the invoice says; a negative total is a credit.
 */
export interface Invoice {
  planKey: string;
  planVersion: number;
  period: string;
  currency: string;
  lines: InvoiceLine[];
  subtotal: string;
  total: string;
}

interface PricedLine {
  line: InvoiceLine;
  amount: ExactDecimalValue;
}

/**
 * Prices a period's usage under its plan into invoice lines. Each line is rounded half to even to
 * minor units once, and totals are sums of rounded lines, never a rounding of the exact sum: a
 * reader can add the lines up. Late usage of a finalized period is billed on separate
 * adjustment lines, priced with that period's plan at the marginal price
 * price(invoiced + late) − price(invoiced) (each side rounded as its line was), not at an average
 * unit price: under tiers, packages and allowances the late units cost what they would have cost
 * had they arrived in time, so the original invoice plus all its adjustments always equals the
 * invoice the period would have had with all its usage, whatever the order or split of the
 * late events. When that changes the period's minimum true-up, a correction line says so.
 */
export function previewInvoice(request: InvoicePreviewRequest): Invoice {
  const { plan, period } = request;
  const currency = currencyOf(plan.currency);
  const current = periodLines(plan, readUsage(request.usage, 'usage'), currency);
  const adjustments = adjustmentLines(request, currency);
  const subtotal = sum(current);
  return {
    planKey: plan.key,
    planVersion: plan.version,
    period,
    currency: currency.code,
    lines: [...current, ...adjustments].map((priced) => priced.line),
    subtotal: moneyString(subtotal, currency),
    total: moneyString(subtotal.plus(sum(adjustments)), currency),
  };
}

function periodLines(
  plan: Plan,
  usage: ReadonlyMap<string, ExactDecimalValue>,
  currency: Currency,
): PricedLine[] {
  const lines: PricedLine[] = (plan.flatFees ?? []).map((fee) =>
    priced({ kind: 'flat', description: fee.description ?? fee.key }, fee.amount, currency),
  );
  for (const charge of plan.charges) {
    const quantity = usage.get(charge.meterKey) ?? new ExactDecimal(0);
    const amount = chargeAmount(charge, quantity, currency);
    const description = charge.description ?? `${charge.meterKey}: ${modelLabel(charge.model)}`;
    lines.push(
      charge.model.type === 'flat'
        ? priced({ kind: 'flat', meterKey: charge.meterKey, description }, amount, currency)
        : priced(
            {
              kind: 'usage',
              meterKey: charge.meterKey,
              description,
              quantity: exactDecimalString(quantity),
              ...(charge.model.type === 'per-unit' ? { unitPrice: charge.model.unitPrice } : {}),
            },
            amount,
            currency,
          ),
    );
  }
  if (plan.minimumCommitment !== undefined) {
    const shortfall = new ExactDecimal(plan.minimumCommitment).minus(sum(lines));
    if (shortfall.gt(0)) {
      lines.push(
        priced({ kind: 'minimum', description: 'Minimum commitment true-up' }, shortfall, currency),
      );
    }
  }
  return lines;
}

function adjustmentLines(request: InvoicePreviewRequest, currency: Currency): PricedLine[] {
  const lines: PricedLine[] = [];
  // Late usage so far per original period and meter, in the order the adjustments come.
  const late = new Map<string, Map<string, ExactDecimalValue>>();
  const finalized = new Map<string, { plan: Plan; invoiced: Map<string, ExactDecimalValue> }>();

  for (const adjustment of request.adjustments ?? []) {
    const { meterKey, originalPeriod, reason } = adjustment;
    let original = finalized.get(originalPeriod);
    if (original === undefined) {
      original = readFinalizedPeriod(request, originalPeriod, currency);
      finalized.set(originalPeriod, original);
    }
    const lateInPeriod = late.get(originalPeriod) ?? new Map<string, ExactDecimalValue>();
    late.set(originalPeriod, lateInPeriod);

    const quantity = parseDecimal(adjustment.quantity, `late usage of ${meterKey}`);
    const invoiced = original.invoiced.get(meterKey) ?? new ExactDecimal(0);
    const before = invoiced.plus(lateInPeriod.get(meterKey) ?? 0);
    const after = before.plus(quantity);
    if (after.lt(0)) {
      throw new PricingError(
        'invalid-usage-quantity',
        `late usage of ${meterKey} would take ${originalPeriod} below zero (${exactDecimalString(after)})`,
      );
    }
    lateInPeriod.set(meterKey, after.minus(invoiced));

    const charge = original.plan.charges.find((candidate) => candidate.meterKey === meterKey);
    if (charge === undefined) continue; // not billable under that period's plan
    const amount = chargeAmount(charge, after, currency).minus(
      chargeAmount(charge, before, currency),
    );
    lines.push(
      priced(
        {
          kind: 'adjustment',
          meterKey,
          description: `${meterKey}: late usage for ${originalPeriod} (${reason})`,
          quantity: exactDecimalString(quantity),
          originalPeriod,
          reason,
        },
        amount,
        currency,
      ),
    );
  }

  for (const [originalPeriod, { plan, invoiced }] of finalized) {
    if (plan.minimumCommitment === undefined) continue;
    const corrected = new Map(invoiced);
    for (const [meterKey, quantity] of late.get(originalPeriod) ?? []) {
      corrected.set(meterKey, (invoiced.get(meterKey) ?? new ExactDecimal(0)).plus(quantity));
    }
    const change = trueUp(plan, corrected, currency).minus(trueUp(plan, invoiced, currency));
    if (!change.isZero()) {
      lines.push(
        priced(
          {
            kind: 'adjustment',
            description: `Minimum commitment true-up correction for ${originalPeriod}`,
            originalPeriod,
            reason: 'late usage changed the period total',
          },
          change,
          currency,
        ),
      );
    }
  }
  return lines;
}

function readFinalizedPeriod(
  request: InvoicePreviewRequest,
  period: string,
  currency: Currency,
): { plan: Plan; invoiced: Map<string, ExactDecimalValue> } {
  const original = request.finalizedPeriods?.[period];
  if (original === undefined) {
    throw new PricingError(
      'unknown-finalized-period',
      `late usage names period ${period}, which is not among the finalized periods given`,
    );
  }
  if (original.plan.currency !== currency.code) {
    throw new PricingError(
      'currency-mismatch',
      `period ${period} was billed in ${original.plan.currency}, this invoice is in ${currency.code}`,
    );
  }
  return {
    plan: original.plan,
    invoiced: readUsage(original.invoicedUsage, `invoiced usage of ${period}`),
  };
}

function trueUp(
  plan: Plan,
  usage: ReadonlyMap<string, ExactDecimalValue>,
  currency: Currency,
): ExactDecimalValue {
  const line = periodLines(plan, usage, currency).find((priced) => priced.line.kind === 'minimum');
  return line?.amount ?? new ExactDecimal(0);
}

function chargeAmount(
  charge: PlanCharge,
  quantity: ExactDecimalValue,
  currency: Currency,
): ExactDecimalValue {
  return roundToMinorUnits(exactPrice(charge.model, quantity), currency);
}

function readUsage(usage: Record<string, string>, what: string): Map<string, ExactDecimalValue> {
  return new Map(
    Object.entries(usage).map(([meterKey, quantity]) => [
      meterKey,
      parseQuantity(quantity, `${what} of ${meterKey}`),
    ]),
  );
}

function priced(
  line: Omit<InvoiceLine, 'amount'>,
  amount: ExactDecimalValue | string,
  currency: Currency,
): PricedLine {
  const rounded = roundToMinorUnits(new ExactDecimal(amount), currency);
  return { line: { ...line, amount: moneyString(rounded, currency) }, amount: rounded };
}

function sum(lines: readonly PricedLine[]): ExactDecimalValue {
  return lines.reduce((total, priced) => total.plus(priced.amount), new ExactDecimal(0));
}

function modelLabel(model: ChargeModel): string {
  switch (model.type) {
    case 'flat':
      return 'flat fee';
    case 'per-unit':
      return `${model.unitPrice} per unit`;
    case 'graduated':
      return 'graduated tiers';
    case 'volume':
      return 'volume tiers';
    case 'package':
      return `${model.packagePrice} per ${model.packageSize} units`;
    case 'free-allowance':
      return `${modelLabel(model.then)} after ${model.freeUnits} free units`;
  }
}
