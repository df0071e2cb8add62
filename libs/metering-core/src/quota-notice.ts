import type { BillingPeriod } from './billing-period';
import { crossedThresholds, type QuotaPolicy, type ThresholdCrossing } from './quota';

/** A quota event a period calls for; whether it is new is up to its exactly-once key. */
export type QuotaNotice = ThresholdCrossing | { readonly kind: 'reset' };

/**
 * The instant at which the entitlement of `period` is judged: now while the period runs,
 * else its nearest instant (its last millisecond for usage that arrived late, its first for
 * usage a few minutes ahead of the clock). Grants count as they stood then.
 */
export function quotaJudgedAt(period: BillingPeriod, now: Date): Date {
  const first = period.start.getTime();
  const last = period.end.getTime() - 1;
  return new Date(Math.min(Math.max(now.getTime(), first), last));
}

/**
 * The quota events one period calls for now that its usage is `used`: its `reset` when the
 * previous period emitted a threshold event (first, so a reader sees the period start before
 * its thresholds), then every threshold `used` has reached against `entitlement`. Each is
 * recorded under quotaEventKey and emitted only the first time, so asking again is harmless.
 */
export function quotaNoticesDue(
  policy: QuotaPolicy,
  used: string,
  entitlement: string,
  previousPeriodNoticed: boolean,
): QuotaNotice[] {
  return [
    ...(previousPeriodNoticed ? [{ kind: 'reset' as const }] : []),
    ...crossedThresholds(policy, '0', used, entitlement),
  ];
}
