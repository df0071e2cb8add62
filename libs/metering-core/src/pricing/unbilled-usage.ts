import { exactDecimalString, parseDecimal } from './exact-decimal';

/**
 * The usage of a finalized period that no invoice has billed yet: its usage now minus what was
 * invoiced when it closed and every adjustment recorded since (decimal strings). Negative when
 * a correction took usage away; zero when the period is billed in full. Taking the difference
 * of totals, not adding up event values, keeps it right for MAX, LATEST and UNIQUE_COUNT
 * meters, where an event's effect on the period depends on the others.
 */
export function unbilledUsage(
  usageNow: string,
  invoiced: string,
  adjustments: readonly string[] = [],
): string {
  const billed = adjustments.reduce(
    (total, quantity) => total.plus(parseDecimal(quantity, 'adjustment')),
    parseDecimal(invoiced, 'invoiced usage'),
  );
  return exactDecimalString(parseDecimal(usageNow, 'usage').minus(billed));
}
