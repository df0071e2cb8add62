import Decimal from 'decimal.js';
import { z } from 'zod';
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

/** A decimal string in plain notation, possibly negative ("-12.50"). */
export const decimalSchema = z
  .string()
  .max(maxLength)
  .regex(signedNotation, 'must be a decimal string in plain notation, e.g. "12.50"');

/** A non-negative decimal string in plain notation ("0.008"). */
export const nonNegativeDecimalSchema = z
  .string()
  .max(maxLength)
  .regex(unsignedNotation, 'must be a non-negative decimal string in plain notation, e.g. "0.008"');

/** A decimal string greater than zero. */
export const positiveDecimalSchema = nonNegativeDecimalSchema.refine(
  (text) => !new ExactDecimal(text).isZero(),
  'must be greater than zero',
);

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
