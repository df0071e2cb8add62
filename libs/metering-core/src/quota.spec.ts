import fc from 'fast-check';
import {
  crossedThresholds,
  quotaEventKey,
  quotaPolicySchema,
  quotaResetsBetween,
  reachedThresholds,
  type QuotaPolicy,
} from './quota';

const at = (iso: string) => new Date(iso);
const policy = (changes: Partial<QuotaPolicy> = {}): QuotaPolicy =>
  quotaPolicySchema.parse({
    meterKey: 'api_calls',
    limit: '1000',
    period: 'MONTH',
    enforcement: 'hard',
    ...changes,
  });

describe('quota policies', () => {
  it('warns at 80 % and exhausts at 100 % by default', () => {
    expect(policy().thresholds).toEqual([0.8, 1]);
  });

  it('always keeps 100 % among configured thresholds, sorted and without repeats', () => {
    expect(policy({ thresholds: [1.5, 0.5, 0.9, 0.5] }).thresholds).toEqual([0.5, 0.9, 1, 1.5]);
  });

  it.each([
    ['a float limit', { limit: 1000 }],
    ['a negative limit', { limit: '-1' }],
    ['a zero threshold', { thresholds: [0] }],
    ['an unknown period', { period: 'WEEK' }],
    ['an unknown enforcement', { enforcement: 'strict' }],
  ])('refuses %s', (_, change) => {
    expect(
      quotaPolicySchema.safeParse({
        meterKey: 'api_calls',
        limit: '1000',
        period: 'DAY',
        enforcement: 'soft',
        ...change,
      }).success,
    ).toBe(false);
  });
});

describe('threshold crossings', () => {
  it('reports 80 % when usage reaches 800 of 1000', () => {
    expect(crossedThresholds(policy(), '799', '800', '1000')).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
    ]);
  });

  it('reports exhausted when usage reaches the entitlement exactly', () => {
    expect(crossedThresholds(policy(), '999.5', '1000', '1000')).toEqual([
      { threshold: 1, kind: 'exhausted' },
    ]);
  });

  it('reports every threshold one jump passes, in order', () => {
    expect(
      crossedThresholds(policy({ thresholds: [0.5, 0.8, 1.2] }), '10', '1300', '1000'),
    ).toEqual([
      { threshold: 0.5, kind: 'threshold.crossed' },
      { threshold: 0.8, kind: 'threshold.crossed' },
      { threshold: 1, kind: 'exhausted' },
      { threshold: 1.2, kind: 'threshold.crossed' },
    ]);
  });

  it('reports nothing below the first threshold or for a threshold already reached', () => {
    expect(crossedThresholds(policy(), '0', '799.999', '1000')).toEqual([]);
    expect(crossedThresholds(policy(), '850', '900', '1000')).toEqual([]);
  });

  it('reports nothing when usage falls', () => {
    expect(crossedThresholds(policy(), '1200', '100', '1000')).toEqual([]);
  });

  it('measures thresholds against the entitlement, grants included', () => {
    expect(crossedThresholds(policy(), '900', '1000', '1500')).toEqual([]);
    expect(crossedThresholds(policy(), '1199', '1200', '1500')).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
    ]);
  });

  it('exhausts a zero entitlement with the first usage, not before', () => {
    expect(reachedThresholds(policy({ limit: '0' }), '0', '0')).toEqual([]);
    expect(crossedThresholds(policy({ limit: '0' }), '0', '0.001', '0')).toEqual([
      { threshold: 0.8, kind: 'threshold.crossed' },
      { threshold: 1, kind: 'exhausted' },
    ]);
  });

  it('compares exactly, without floating point', () => {
    // 0.8 × 0.3 is 0.24 in decimal; in binary floating point it is 0.24000000000000002.
    expect(reachedThresholds(policy(), '0.24', '0.3')).toEqual([0.8]);
  });

  it('reports each threshold once however usage grows within a period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 3000 }),
        (increments, entitlement) => {
          const quota = policy({ thresholds: [0.5, 0.8, 1.5] });
          let used = 0;
          const reported: number[] = [];
          for (const increment of increments) {
            const crossings = crossedThresholds(
              quota,
              String(used),
              String(used + increment),
              String(entitlement),
            );
            reported.push(...crossings.map(({ threshold }) => threshold));
            used += increment;
          }
          expect(reported).toEqual(reachedThresholds(quota, String(used), String(entitlement)));
        },
      ),
    );
  });
});

describe('quota resets', () => {
  it('lists the rollovers of monthly periods in the tenant time zone', () => {
    expect(
      quotaResetsBetween(
        policy(),
        at('2026-01-15T00:00:00Z'),
        at('2026-03-01T00:00:00Z'),
        'Europe/Berlin',
      ),
    ).toEqual([
      { periodId: '2026-02', previousPeriodId: '2026-01', at: at('2026-01-31T23:00:00Z') },
      { periodId: '2026-03', previousPeriodId: '2026-02', at: at('2026-02-28T23:00:00Z') },
    ]);
  });

  it('includes a rollover at the end of the range and none at its start', () => {
    const daily = policy({ period: 'DAY' });
    expect(
      quotaResetsBetween(daily, at('2026-05-01T00:00:00Z'), at('2026-05-02T00:00:00Z'), 'UTC'),
    ).toEqual([
      { periodId: '2026-05-02', previousPeriodId: '2026-05-01', at: at('2026-05-02T00:00:00Z') },
    ]);
  });

  it('lists nothing within one period', () => {
    expect(
      quotaResetsBetween(policy(), at('2026-05-01T00:00:00Z'), at('2026-05-31T23:59:59Z'), 'UTC'),
    ).toEqual([]);
  });
});

describe('quota event keys', () => {
  it('names kind, tenant, meter, period and threshold', () => {
    const key = { tenantId: 't-1', meterKey: 'api_calls', periodId: '2026-03' };
    expect(quotaEventKey({ type: 'quota.threshold.crossed', ...key, threshold: 0.8 })).toBe(
      'quota.threshold.crossed/t-1/api_calls/2026-03/0.8',
    );
    expect(quotaEventKey({ type: 'quota.exhausted', ...key, threshold: 1 })).toBe(
      'quota.exhausted/t-1/api_calls/2026-03/1',
    );
    expect(quotaEventKey({ type: 'quota.reset', ...key })).toBe(
      'quota.reset/t-1/api_calls/2026-03',
    );
  });

  it('gives the reset of a period its own key', () => {});
});
