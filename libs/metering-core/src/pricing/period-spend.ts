import { currencyOf } from './currency';
import { ExactDecimal } from './exact-decimal';
import type { Invoice } from './invoice';
import { moneyString, type Money } from './money';

/**
 * What a period has cost so far, for its cost cap: the invoice's usage charges and fixed fees.
 * The minimum-commitment true-up is left out — it is a floor the tenant pays whatever the
 * traffic, so counting it would block traffic that adds nothing to the bill — and so are
 * adjustment lines, which bill earlier periods.
 */
export function periodSpend(invoice: Invoice): Money {
  const currency = currencyOf(invoice.currency);
  const spent = invoice.lines
    .filter((line) => line.kind === 'usage' || line.kind === 'flat')
    .reduce((total, line) => total.plus(line.amount), new ExactDecimal(0));
  return { amount: moneyString(spent, currency), currency: currency.code };
}
