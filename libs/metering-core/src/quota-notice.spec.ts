import fc from 'fast-check';
import { periodOf } from './billing-period';
import { quotaPolicySchema, type QuotaPolicy } from './quota';
import {
  dueQuotaNotices,
  quotaJudgedAt,
  quotaNoticesDue,
  quotaPeriodSettled,
  type QuotaNotice,
  type QuotaNoticesSent,
} from './quota-notice';

const policy = (thresholds?: number[]): QuotaPolicy =>
  quotaPolicySchema.parse({
    meterKey: 'tokens',
    limit: '1000',
    period: 'MONTH',
    enforcement: 'hard',
    ...(thresholds ? { thresholds } : {}),
  });

describe('quota notices due', () => {
  it('calls for nothing below the first threshold', () => {
    expect(quotaNoticesDue(policy(), '799', '1000', false)).toEqual([]);
  });

  it('calls for 80 % at 800 of 1000, and for 80 % and exhaustion at 1000', () => {
    expect(quotaNoticesDue(policy(), '800', '1000', false)).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
    ]);
    expect(quotaNoticesDue(policy(), '1000', '1000', false)).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
      { threshold: 1, kind: 'exhausted' },
    ]);
  });

  it('judges usage against the entitlement, grants included', () => {
    expect(quotaNoticesDue(policy(), '1000', '1250', false)).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
    ]);
  });

  it('puts the reset of a period first when the previous period was noticed', () => {
    expect(quotaNoticesDue(policy(), '900', '1000', true)).toEqual([
      { kind: 'reset' },
      { threshold: 0.8, kind: 'threshold.crossed' },
    ]);
  });

  it('calls for every threshold reached, whatever usage came before (the key dedupes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 5000 }),
        (percents, used) => {
          const quota = policy(percents.map((percent) => percent / 100));
          const notices = quotaNoticesDue(quota, String(used), '1000', false);
          const reached = notices.flatMap((notice) =>
            'threshold' in notice ? [notice.threshold] : [],
          );
          // Thresholds are whole percents here, so used ≥ 1000 × t compares integers exactly.
          expect(reached).toEqual(
            quota.thresholds.filter((t) => used > 0 && used * 100 >= Math.round(t * 100) * 1000),
          );
        },
      ),
    );
  });
});

describe('the quota notices a period is due, given those already sent', () => {
  const eighty: QuotaNotice = { threshold: 0.8, kind: 'threshold.crossed' };
  const exhausted: QuotaNotice = { threshold: 1, kind: 'exhausted' };
  const reset: QuotaNotice = { kind: 'reset' };
  const sent = (
    thisPeriod: QuotaNotice[] = [],
    previousPeriod: QuotaNotice[] = [],
  ): QuotaNoticesSent => ({ thisPeriod, previousPeriod });

  it('gives each threshold once: one already sent is not due again', () => {
    expect(dueQuotaNotices(policy(), '1000', '1000', sent())).toEqual([eighty, exhausted]);
    expect(dueQuotaNotices(policy(), '1000', '1000', sent([eighty]))).toEqual([exhausted]);
    expect(dueQuotaNotices(policy(), '1000', '1000', sent([eighty, exhausted]))).toEqual([]);
  });

  it('gives the reset first, once, when the previous period noticed a threshold', () => {
    expect(dueQuotaNotices(policy(), '900', '1000', sent([], [eighty]))).toEqual([reset, eighty]);
    expect(dueQuotaNotices(policy(), '900', '1000', sent([reset], [eighty]))).toEqual([eighty]);
    expect(dueQuotaNotices(policy(), '10', '1000', sent([], [exhausted]))).toEqual([reset]);
  });

  it('owes no reset when the previous period sent nothing but its own reset', () => {
    expect(dueQuotaNotices(policy(), '900', '1000', sent([], [reset]))).toEqual([eighty]);
  });

  it('calls a period settled once it had every threshold, and its reset when one is owed', () => {
    expect(quotaPeriodSettled(policy(), sent([eighty]))).toBe(false);
    expect(quotaPeriodSettled(policy(), sent([eighty, exhausted]))).toBe(true);
    expect(quotaPeriodSettled(policy(), sent([eighty, exhausted], [eighty]))).toBe(false);
    expect(quotaPeriodSettled(policy(), sent([reset, eighty, exhausted], [eighty]))).toBe(true);
    expect(quotaPeriodSettled(policy([0.5]), sent([eighty, exhausted]))).toBe(false);
  });

  const notices = (quota: QuotaPolicy) =>
    fc.subarray<QuotaNotice>([
      reset,
      ...quota.thresholds.map((threshold): QuotaNotice =>
        threshold === 1 ? exhausted : { threshold, kind: 'threshold.crossed' },
      ),
    ]);
  const cases = fc
    .array(fc.integer({ min: 1, max: 300 }), { maxLength: 4 })
    .map((percents) => policy(percents.map((percent) => percent / 100)))
    .chain((quota) =>
      fc.record({
        quota: fc.constant(quota),
        sent: fc.record({ thisPeriod: notices(quota), previousPeriod: notices(quota) }),
        used: fc.integer({ min: 0, max: 5000 }).map(String),
        entitlement: fc.constantFrom('0', '500', '1000', '1250'),
      }),
    );

  it('never repeats a notice sent, and leaves out nothing else the period calls for', () => {
    fc.assert(
      fc.property(cases, ({ quota, sent, used, entitlement }) => {
        const due = dueQuotaNotices(quota, used, entitlement, sent);
        const key = (notice: QuotaNotice) => JSON.stringify(notice);
        const given = new Set(sent.thisPeriod.map(key));
        const previousNoticed = sent.previousPeriod.some(({ kind }) => kind !== 'reset');
        const calledFor = quotaNoticesDue(quota, used, entitlement, previousNoticed);
        expect(due.map(key)).toEqual(calledFor.map(key).filter((notice) => !given.has(notice)));
      }),
    );
  });

  it('has nothing due for any usage in a settled period, and something at some usage otherwise', () => {
    fc.assert(
      fc.property(cases, ({ quota, sent, used, entitlement }) => {
        if (quotaPeriodSettled(quota, sent)) {
          expect(dueQuotaNotices(quota, used, entitlement, sent)).toEqual([]);
        } else {
          // Every threshold is at most 100 × the entitlement: this usage reaches them all.
          expect(dueQuotaNotices(quota, '1000000', entitlement, sent)).not.toEqual([]);
        }
      }),
    );
  });
});

describe('the instant a period is judged at', () => {
  const march = periodOf(new Date('2026-03-15T00:00:00Z'), 'Europe/Berlin');

  it('is now while the period runs', () => {
    const now = new Date('2026-03-20T10:00:00Z');
    expect(quotaJudgedAt(march, now)).toEqual(now);
  });

  it('is the last millisecond of a period that has ended', () => {
    expect(quotaJudgedAt(march, new Date('2026-04-02T00:00:00Z'))).toEqual(
      new Date(march.end.getTime() - 1),
    );
  });

  it('is the first instant of a period that has not started', () => {
    expect(quotaJudgedAt(march, new Date('2026-02-28T22:58:00Z'))).toEqual(march.start);
  });
});
