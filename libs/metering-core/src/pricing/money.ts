import { currencyOf, type Currency } from './currency';
import { ExactDecimal, parseDecimal, type ExactDecimalValue } from './exact-decimal';

/** An amount of money in a currency, rounded to its minor units: `{ amount: '93.72', currency: 'USD' }`. */
export interface Money {
  amount: string;
  currency: string;
}

/**
 * Rounds an exact amount to the currency's minor units, half to even (banker's rounding).
 *
 * Why half-even: usage prices are often sub-cent (0.005 per unit), so exact amounts end in a
 * half minor unit far more often than chance would have it. Half-up would round every such tie
 * towards the seller, a bias that adds up over lines, tenants and months; half-even rounds
 * ties up and down equally often. It is also IEEE 754's default for decimal arithmetic. The
 * rule is the same everywhere in pricing, and each invoice line is rounded once.
 */
export function roundToMinorUnits(
  amount: ExactDecimalValue,
  currency: Currency,
): ExactDecimalValue {
  return amount.toDecimalPlaces(currency.minorUnits, ExactDecimal.ROUND_HALF_EVEN);
}

/** A rounded amount as its currency writes it: exactly `minorUnits` fraction digits, no "-0". */
export function moneyString(amount: ExactDecimalValue, currency: Currency): string {
  const rounded = roundToMinorUnits(amount, currency);
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed(currency.minorUnits);
}

/** Money for an exact decimal amount, rounded half to even to the currency's minor units. */
export function toMoney(amount: string, currencyCode: string): Money {
  const currency = currencyOf(currencyCode);
  return {
    amount: moneyString(parseDecimal(amount, 'amount'), currency),
    currency: currency.code,
  };
}
