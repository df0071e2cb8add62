import Decimal from 'decimal.js';
import { PricingError } from './pricing-error';

/**
 * Decimal arithmetic for prices. decimal.js rounds every result to 20 significant digits by
 * default; with 1,000 digits, sums and products of accepted amounts (at most 100 characters
 * each) are exact, so the only rounding in pricing is the explicit one to minor units.
 */
export const ExactDecimal = Decimal.clone({
  precision: 1000,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** A decimal from ExactDecimal (decimal.js instance type). */
export type ExactDecimalValue = InstanceType<typeof ExactDecimal>;

// Plain notation only: no exponent, no '+', no spaces, no '.5' or '5.'; decimal.js alone
// would also take "1e3", "0x1f", "Infinity" and "NaN".
const signedNotation = /^-?\d+(?:\.\d+)?$/;
const unsignedNotation = /^\d+(?:\.\d+)?$/;
const maxLength = 100;

/** Reads a decimal string in plain notation; `what` names it in the error. */
export function parseDecimal(text: string, what: string): ExactDecimalValue {
  if (text.length > maxLength || !signedNotation.test(text)) {
    throw new PricingError('invalid-decimal', `${what} must be a decimal string, got "${text}"`);
  }
  return new ExactDecimal(text);
}

/** Reads a usage quantity: a non-negative decimal string. */
export function parseQuantity(text: string, what: string): ExactDecimalValue {
  if (text.length > maxLength || !unsignedNotation.test(text)) {
    throw new PricingError(
      'invalid-usage-quantity',
      `${what} must be a non-negative decimal string, got "${text}"`,
    );
  }
  return new ExactDecimal(text);
}

/** The canonical string of an exact decimal: plain notation, no trailing zeros, no "-0". */
export function exactDecimalString(value: ExactDecimalValue): string {
  return value.isZero() ? '0' : value.toFixed();
}
