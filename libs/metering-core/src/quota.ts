import { z } from 'zod';
import { nextPeriod, periodOf, type BillingPeriod } from './billing-period';
import { nonNegativeDecimalSchema } from './decimal-string';
import { parseUsageDecimal, UsageDecimal } from './usage-value';

// Quota events on metering.quota.v1, per tenant, meter and quota period:
// - `threshold.crossed` / `exhausted`: usage of the period reached a threshold (a fraction of
//   the entitlement; 1 is `exhausted`). A threshold is reached when usage is above zero and at
//   least threshold × entitlement, so a zero entitlement is exhausted by the first usage.
// - Each is emitted at most once per threshold per period: the app inserts
//   quotaEventKey(type, tenant, meter, period, threshold) under a unique constraint in the transaction
//   that changes usage, and emits only when the insert took. Replays and redeliveries find the
//   key taken. Usage falling back below a threshold (a void, a new grant) emits nothing, and
//   reaching the threshold again in the same period emits nothing either.
// - `reset`: at each quota period rollover (see quotaResetsBetween) for a meter whose previous
//   period emitted any threshold event; key quotaEventKey('quota.reset', tenant, meter, new period).
//   Usage counts from zero again in the new period.

/** 100 % of the entitlement: reaching it exhausts the quota, so every policy has it. */
export const exhaustedThreshold = 1;

/**
 * A tenant's quota on one meter: `limit` usage per local DAY or MONTH, `soft` (report only) or
 * `hard` (the gateway refuses requests beyond it), with thresholds as fractions of the
 * entitlement (default 80 % and 100 %; 100 % is always added, values above 1 warn of overage).
 */
export const quotaPolicySchema = z.object({
  meterKey: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'expected a meter key'),
  limit: nonNegativeDecimalSchema,
  period: z.enum(['DAY', 'MONTH']),
  enforcement: z.enum(['soft', 'hard']),
  thresholds: z
    .array(z.number().positive().max(100))
    .max(10)
    .default([0.8, exhaustedThreshold])
    .transform((thresholds) =>
      [...new Set([...thresholds, exhaustedThreshold])].sort((a, b) => a - b),
    ),
});

/** A tenant's usage limit on one meter per period, with its enforcement and thresholds. */
export type QuotaPolicy = z.output<typeof quotaPolicySchema>;

/** The kinds of event on metering.quota.v1. */
export type QuotaEventKind = 'threshold.crossed' | 'exhausted' | 'reset';

/** A threshold that a change of usage reached, and the event it calls for. */
export interface ThresholdCrossing {
  readonly threshold: number;
  readonly kind: 'threshold.crossed' | 'exhausted';
}

/** A quota period rollover: `reset` may be due for `periodId` at `at`. */
export interface QuotaReset {
  readonly periodId: string;
  readonly previousPeriodId: string;
  readonly at: Date;
}

/** The thresholds of `policy` that `used` has reached against `entitlement`, ascending. */
export function reachedThresholds(
  policy: QuotaPolicy,
  used: string,
  entitlement: string,
): number[] {
  const usage = parseUsageDecimal(used);
  if (usage.lessThanOrEqualTo(0)) return [];
  const allowed = parseUsageDecimal(entitlement);
  return thresholdsOf(policy).filter((threshold) =>
    usage.greaterThanOrEqualTo(allowed.times(new UsageDecimal(threshold))),
  );
}

/**
 * The thresholds reached by usage going from `usageBefore` to `usageAfter` within one period,
 * with the event each calls for (threshold 1 → `exhausted`). Falling usage crosses nothing.
 */
export function crossedThresholds(
  policy: QuotaPolicy,
  usageBefore: string,
  usageAfter: string,
  entitlement: string,
): ThresholdCrossing[] {
  const before = new Set(reachedThresholds(policy, usageBefore, entitlement));
  return reachedThresholds(policy, usageAfter, entitlement)
    .filter((threshold) => !before.has(threshold))
    .map((threshold) => ({
      threshold,
      kind: threshold === exhaustedThreshold ? 'exhausted' : 'threshold.crossed',
    }));
}

/** The quota period of `policy` that contains `at`, in the tenant's time zone. */
export function quotaPeriodOf(policy: QuotaPolicy, at: Date, timeZone: string): BillingPeriod {
  return periodOf(at, timeZone, policy.period);
}

/**
 * The quota period rollovers in (after, until], oldest first: what a clock tick that last ran
 * at `after` must consider for `reset` events now at `until`.
 */
export function quotaResetsBetween(
  policy: QuotaPolicy,
  after: Date,
  until: Date,
  timeZone: string,
): QuotaReset[] {
  const resets: QuotaReset[] = [];
  let period = quotaPeriodOf(policy, after, timeZone);
  while (period.end <= until) {
    const next = nextPeriod(period, timeZone);
    resets.push({ periodId: next.id, previousPeriodId: period.id, at: period.end });
    period = next;
  }
  return resets;
}

/**
 * The exactly-once key of a quota event, `<type>/<tenant>/<meter>/<period>[/<threshold>]`: one
 * per tenant, meter, period and threshold (a reset has none). Meter keys and period ids hold no
 * '/', so the key reads back unambiguously.
 */
export function quotaEventKey(event: {
  /** The event's type, e.g. quota.exhausted. */
  type: string;
  tenantId: string;
  meterKey: string;
  periodId: string;
  threshold?: number;
}): string {
  const { type, tenantId, meterKey, periodId, threshold } = event;
  return [type, tenantId, meterKey, periodId, ...(threshold === undefined ? [] : [threshold])].join(
    '/',
  );
}

/** The thresholds of `policy`, exhaustion included, ascending. */
export function thresholdsOf(policy: QuotaPolicy): number[] {
  return [...new Set([...policy.thresholds, exhaustedThreshold])].sort((a, b) => a - b);
}
