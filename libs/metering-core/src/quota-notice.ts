import type { BillingPeriod } from './billing-period';
import { crossedThresholds, thresholdsOf, type QuotaPolicy, type ThresholdCrossing } from './quota';

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

/** The notices given so far for one quota period and for the period before it. */
export interface QuotaNoticesSent {
  readonly thisPeriod: readonly QuotaNotice[];
  readonly previousPeriod: readonly QuotaNotice[];
}

/**
 * Whether a period has had every notice it can ever call for (each threshold, and its `reset`
 * when the previous period noticed a threshold): then no usage makes any due and its usage
 * need not be read.
 */
export function quotaPeriodSettled(policy: QuotaPolicy, sent: QuotaNoticesSent): boolean {
  const given = thresholdsGiven(sent.thisPeriod);
  return (
    thresholdsOf(policy).every((threshold) => given.has(threshold)) &&
    (!previousPeriodNoticed(sent) || sent.thisPeriod.some(({ kind }) => kind === 'reset'))
  );
}

/**
 * The notices a period is due now that its usage is `used` against `entitlement`, given those
 * already sent: what quotaNoticesDue calls for (the reset first, when the previous period
 * noticed a threshold) less every notice this period has had.
 */
export function dueQuotaNotices(
  policy: QuotaPolicy,
  used: string,
  entitlement: string,
  sent: QuotaNoticesSent,
): QuotaNotice[] {
  const given = thresholdsGiven(sent.thisPeriod);
  const resetGiven = sent.thisPeriod.some(({ kind }) => kind === 'reset');
  return quotaNoticesDue(policy, used, entitlement, previousPeriodNoticed(sent)).filter((notice) =>
    notice.kind === 'reset' ? !resetGiven : !given.has(notice.threshold),
  );
}

function previousPeriodNoticed(sent: QuotaNoticesSent): boolean {
  return sent.previousPeriod.some(({ kind }) => kind !== 'reset');
}

function thresholdsGiven(notices: readonly QuotaNotice[]): Set<number> {
  return new Set(notices.flatMap((notice) => (notice.kind === 'reset' ? [] : [notice.threshold])));
}
