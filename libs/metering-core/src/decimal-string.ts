import { z } from 'zod';
import { maxUsageFractionDigits, maxUsageIntegerDigits } from './usage-value';

// Plain notation only (no exponent, '+', spaces, '.5' or '5.'), within the digits of a usage
// value, so every amount compared with usage or priced can be read exactly. Each rule is one
// pattern, so a wrong string never reaches a refinement that would parse it.
const digits = `\\d{1,${maxUsageIntegerDigits}}(?:\\.\\d{1,${maxUsageFractionDigits}})?`;
const limitsText = `at most ${maxUsageIntegerDigits} integer and ${maxUsageFractionDigits} fraction digits`;

/** A decimal string in plain notation, possibly negative ("-12.50"). */
export const decimalSchema = z
  .string()
  .regex(
    new RegExp(`^-?${digits}$`),
    `must be a decimal string in plain notation (${limitsText}), e.g. "12.50"`,
  );

/** A non-negative decimal string in plain notation ("0.008"). */
export const nonNegativeDecimalSchema = z
  .string()
  .regex(
    new RegExp(`^${digits}$`),
    `must be a non-negative decimal string in plain notation (${limitsText}), e.g. "0.008"`,
  );

/** A decimal string greater than zero ("1000"). */
export const positiveDecimalSchema = z
  .string()
  .regex(
    new RegExp(`^(?=[\\d.]*[1-9])${digits}$`),
    `must be a decimal string greater than zero in plain notation (${limitsText}), e.g. "1000"`,
  );
