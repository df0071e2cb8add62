import { twoProportionZTest } from './two-proportion-z';

describe('twoProportionZTest', () => {
  it('tests the reference share against the current one with the pooled standard error', () => {
    // 60 of 100 against 45 of 100: pooled 0.525
    expect(
      twoProportionZTest({ successes: 60, total: 100 }, { successes: 45, total: 100 }),
    ).toEqual({
      statistic: expect.closeTo(0.15 / Math.sqrt(0.525 * 0.475 * 0.02), 12),
      pValue: expect.closeTo(0.033672068856345855, 12),
    });
  });

  it('is antisymmetric in its statistic and symmetric in its p-value', () => {
    const forward = twoProportionZTest({ successes: 10, total: 40 }, { successes: 30, total: 50 });
    const backward = twoProportionZTest({ successes: 30, total: 50 }, { successes: 10, total: 40 });
    expect(backward.statistic).toBeCloseTo(-forward.statistic, 14);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 14);
  });

  it('sees no difference when both groups are all successes', () => {
    expect(twoProportionZTest({ successes: 5, total: 5 }, { successes: 9, total: 9 })).toEqual({
      statistic: 0,
      pValue: 1,
    });
  });

  it('refuses more successes than observations', () => {
    expect(() =>
      twoProportionZTest({ successes: 6, total: 5 }, { successes: 1, total: 9 }),
    ).toThrow('reference needs 0 <= successes <= total with a positive total, got 6 of 5');
  });
});
