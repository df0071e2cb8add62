import { grantedAt, type Grant } from './grant';
import type { QuotaPolicy } from './quota';
import { parseUsageDecimal, usageDecimalString } from './usage-value';

/**
 * Where a quota stands in the current period, as decimal strings: `remaining` is
 * limit + granted − used and goes negative when usage overran the entitlement (a soft quota,
 * or a hard one overrun by usage already in flight); `exhausted` when nothing remains.
 */
export interface QuotaBalance {
  readonly limit: string;
  readonly granted: string;
  readonly used: string;
  readonly remaining: string;
  readonly exhausted: boolean;
}

/** The gateway's answer for a request that would use `requested` more of a quota. */
export type Admission =
  | { readonly allowed: true; readonly remaining: string }
  | { readonly allowed: false; readonly remaining: string; readonly reason: 'quota-exhausted' };

/** What the tenant may use in the period at `at`: the limit plus the grants active then. */
export function entitlement(policy: QuotaPolicy, grants: readonly Grant[], at: Date): string {
  return usageDecimalString(
    parseUsageDecimal(policy.limit).plus(parseUsageDecimal(grantedAt(grants, at))),
  );
}

/** The balance of a quota at `at`, given the usage `used` counted so far in its period. */
export function balance(
  policy: QuotaPolicy,
  grants: readonly Grant[],
  used: string,
  at: Date,
): QuotaBalance {
  const limit = parseUsageDecimal(policy.limit);
  const granted = grantedAt(grants, at);
  const remaining = limit.plus(parseUsageDecimal(granted)).minus(parseUsageDecimal(used));
  return {
    limit: usageDecimalString(limit),
    granted,
    used: usageDecimalString(parseUsageDecimal(used)),
    remaining: usageDecimalString(remaining),
    exhausted: remaining.lessThanOrEqualTo(0),
  };
}

/**
 * Admits a request that uses `requested` (≥ 0): a soft quota admits everything (remaining may
 * go negative); a hard quota admits only while used + requested stays within the entitlement,
 * and a denial leaves the balance as it was. `remaining` is the balance after the answer.
 */
export function admit(policy: QuotaPolicy, current: QuotaBalance, requested: string): Admission {
  const amount = parseUsageDecimal(requested);
  if (amount.lessThan(0))
    throw new RangeError(`a request cannot use a negative amount (${requested})`);
  const remaining = parseUsageDecimal(current.remaining);
  if (policy.enforcement === 'hard' && amount.greaterThan(remaining)) {
    return { allowed: false, remaining: current.remaining, reason: 'quota-exhausted' };
  }
  return { allowed: true, remaining: usageDecimalString(remaining.minus(amount)) };
}
