import fc from 'fast-check';
import { periodOf } from './billing-period';
import { quotaPolicySchema, type QuotaPolicy } from './quota';
import { quotaJudgedAt, quotaNoticesDue } from './quota-notice';

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
