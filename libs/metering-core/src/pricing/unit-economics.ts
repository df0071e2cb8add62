import { ExactDecimal, parseDecimal, parseQuantity } from './exact-decimal';

/** Fraction digits of a cost per 1,000 requests: fine enough for sub-cent costs in any currency. */
export const costPer1000FractionDigits = 6;

/**
 * Cost per 1,000 requests (`totalCost` × 1000 / `requests`, decimal strings, requests not
 * negative); null when there were no requests. The quotient is rounded once, half to even (the rule of all
 * pricing), to 6 fraction digits, written out in full ("0.004200"): it is a report figure, finer
 * than any currency's minor unit, and never billed.
 */
export function costPer1000(totalCost: string, requests: string): string | null {
  const cost = parseDecimal(totalCost, 'total cost');
  const count = parseQuantity(requests, 'requests');
  if (count.isZero()) return null;
  const perThousand = cost
    .times(1000)
    .dividedBy(count)
    .toDecimalPlaces(costPer1000FractionDigits, ExactDecimal.ROUND_HALF_EVEN);
  return (perThousand.isZero() ? new ExactDecimal(0) : perThousand).toFixed(
    costPer1000FractionDigits,
  );
}
