import Decimal from 'decimal.js';

/**
 * Decimal arithmetic for usage quantities. decimal.js rounds every result to 20 significant
 * digits by default; 1,000 digits keeps sums of usage values (≤ 40 integer + 30 fractional
 * digits each) exact for any realistic number of events.
 */
export const UsageDecimal = Decimal.clone({
  precision: 1000,
  rounding: Decimal.ROUND_HALF_EVEN,
});

/** A decimal from UsageDecimal (decimal.js instance type). */
export type UsageDecimalValue = InstanceType<typeof UsageDecimal>;

/** Largest accepted usage value: fewer than this many integer digits. */
export const maxUsageIntegerDigits = 40;
/** Finest accepted usage value: at most this many fractional digits. */
export const maxUsageFractionDigits = 30;

// Plain decimal notation only: no exponent, no '+', no spaces, no '.5' or '5.'.
const decimalNotation = /^-?\d+(?:\.\d+)?$/;

/** Why a raw value is not a usage value. */
export type UsageValueProblem = 'not-a-number' | 'out-of-range';

/**
 * Reads a number the way meters accept one: a finite JSON number, or a string in plain
 * decimal notation ("12.50"); strings keep digits a JSON number (a double) would lose.
 * Booleans, null, empty or exponent strings, objects and arrays are not numbers.
 */
export function readNumber(raw: unknown): UsageDecimalValue | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new UsageDecimal(raw) : undefined;
  if (typeof raw === 'string' && decimalNotation.test(raw)) return new UsageDecimal(raw);
  return undefined;
}

/** Reads a value to aggregate: a number (see readNumber) within the accepted digits. */
export function readUsageValue(
  raw: unknown,
): { ok: true; value: UsageDecimalValue } | { ok: false; problem: UsageValueProblem } {
  const value = readNumber(raw);
  if (value === undefined) return { ok: false, problem: 'not-a-number' };
  const integerDigits = value.isZero() ? 0 : Math.max(value.e + 1, 0);
  if (integerDigits > maxUsageIntegerDigits || value.decimalPlaces() > maxUsageFractionDigits) {
    return { ok: false, problem: 'out-of-range' };
  }
  return { ok: true, value };
}

/** The canonical decimal string of a value: plain notation, no trailing zeros, no "-0". */
export function usageDecimalString(value: UsageDecimalValue): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Parses a decimal string in plain notation ("-12.5"), as usageDecimalString writes them; throws on anything else. */
export function parseUsageDecimal(text: string): UsageDecimalValue {
  if (!decimalNotation.test(text)) throw new RangeError(`"${text}" is not a decimal string`);
  return new UsageDecimal(text);
}
