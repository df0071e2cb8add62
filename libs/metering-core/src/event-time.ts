const minuteMs = 60_000;
const dayMs = 86_400_000;

/** How far an event's time may stray from when it was received. */
export interface EventTimePolicy {
  /** An event more than this far in the future is rejected (clock skew allowance). */
  maxFutureMs: number;
  /** An event older than this many days (of 24 h) is rejected: the tenant's lateness limit. */
  latenessLimitDays: number;
  /**
   * An event is counted as late when it arrives more than this long after its minute bucket
   * ended. The default (one minute) keeps events that merely cross a minute boundary in
   * transit out of the late count.
   */
  lateGraceMs: number;
}

/** The policy of the issue: 5 minutes into the future, 35 days back, one minute of grace. */
export const defaultEventTimePolicy: EventTimePolicy = {
  maxFutureMs: 5 * minuteMs,
  latenessLimitDays: 35,
  lateGraceMs: minuteMs,
};

/**
 * Whether an event's time is acceptable. `late` events are accepted like on-time ones and
 * update their (older) buckets; the distinction only feeds ingestion status counts.
 */
export type EventTimeClass =
  | { kind: 'on-time' }
  | { kind: 'late'; /** Time between the end of its minute bucket and its arrival. */ byMs: number }
  | { kind: 'rejected'; code: 'time-in-future' | 'time-beyond-lateness-limit'; reason: string };

/** The start of the UTC minute an instant falls in: the bucket its usage is added to. */
export function minuteBucketStart(time: Date): Date {
  return new Date(Math.floor(time.getTime() / minuteMs) * minuteMs);
}

/** Classifies an event's time against when it was received (bounds are inclusive: exactly 5 min ahead is accepted). */
export function classifyEventTime(
  eventTime: Date,
  receivedAt: Date,
  policy: Partial<EventTimePolicy> = {},
): EventTimeClass {
  const { maxFutureMs, latenessLimitDays, lateGraceMs } = { ...defaultEventTimePolicy, ...policy };
  const aheadMs = eventTime.getTime() - receivedAt.getTime();
  if (aheadMs > maxFutureMs) {
    return {
      kind: 'rejected',
      code: 'time-in-future',
      reason: `time is more than ${formatDuration(maxFutureMs)} in the future`,
    };
  }
  if (-aheadMs > latenessLimitDays * dayMs) {
    return {
      kind: 'rejected',
      code: 'time-beyond-lateness-limit',
      reason: `time is older than the lateness limit of ${latenessLimitDays} days`,
    };
  }
  const bucketEnd = minuteBucketStart(eventTime).getTime() + minuteMs;
  const byMs = receivedAt.getTime() - bucketEnd;
  return byMs > lateGraceMs ? { kind: 'late', byMs } : { kind: 'on-time' };
}

function formatDuration(ms: number): string {
  if (ms % minuteMs !== 0) return `${ms} ms`;
  const minutes = ms / minuteMs;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
