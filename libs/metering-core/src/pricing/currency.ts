import { data as isoList, publishDate as isoListPublished } from 'currency-codes';
import { z } from 'zod';
import { PricingError } from './pricing-error';

/** An ISO 4217 currency and the number of digits of its minor unit (USD 2, JPY 0, KWD 3). */
export interface Currency {
  code: string;
  minorUnits: number;
  name: string;
}

// Minor units come from the ISO 4217 list itself (as packaged by `currency-codes`), not from
// Intl: Intl reports CLDR's display digits, which differ from ISO for IQD (0 vs 3), HUF, COP,
// IDR and a dozen more, and change with the ICU build of the runtime. An invoice follows ISO.
//
// ISO gives these codes no minor unit ("N.A."): precious metals, bond-market units, SDR, the
// testing and no-currency codes. The package reports them as 0 digits; nothing is billed in them.
const withoutMinorUnit = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

// Added to ISO 4217 after the packaged list (published 2024-06-25); remove once it carries them.
const laterThanPackagedList: Currency[] = [
  { code: 'XCG', minorUnits: 2, name: 'Caribbean Guilder' },
];

const currencies = new Map<string, Currency>(
  [
    ...isoList
      .filter((entry) => !withoutMinorUnit.has(entry.code))
      .map((entry) => ({ code: entry.code, minorUnits: entry.digits, name: entry.currency })),
    ...laterThanPackagedList,
  ].map((currency) => [currency.code, currency]),
);

/** Publication date of the ISO 4217 list the currencies come from. */
export const currencyListPublished: string = isoListPublished;

/** Whether `code` is an ISO 4217 currency (upper case, e.g. "EUR") that money can be billed in. */
export function isCurrencyCode(code: string): boolean {
  return currencies.has(code);
}

/** The currency with this ISO 4217 code; throws `unknown-currency` for anything else. */
export function currencyOf(code: string): Currency {
  const currency = currencies.get(code);
  if (currency === undefined) {
    throw new PricingError('unknown-currency', `"${code}" is not an ISO 4217 currency code`);
  }
  return currency;
}

/** An ISO 4217 currency code money can be billed in. */
export const currencyCodeSchema = z
  .string()
  .refine(isCurrencyCode, 'must be an ISO 4217 currency code, e.g. "EUR"');
