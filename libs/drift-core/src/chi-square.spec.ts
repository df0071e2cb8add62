import { chiSquareSurvival, chiSquareTest } from './chi-square';

describe('chiSquareTest', () => {
  it('matches scipy chisquare(observed, f_exp=expected)', () => {
    expect(chiSquareTest([40, 30, 30], [50, 30, 20])).toEqual({
      statistic: 7,
      pValue: expect.closeTo(0.0301973834223185, 14),
      degreesOfFreedom: 2,
    });
  });

  it('refuses a category the expectation rules out, a single category, and mismatched totals', () => {
    expect(() => chiSquareTest([5, 5], [10, 0])).toThrow('expected frequency 1 is 0');
    expect(() => chiSquareTest([5], [5])).toThrow('at least two categories');
    expect(() => chiSquareTest([5, 5], [5, 6])).toThrow(
      'observed counts sum to 10 but expected frequencies to 11',
    );
  });
});

describe('chiSquareSurvival', () => {
  // scipy.special.chdtrc(k, x)
  it.each([
    [7, 2, 0.0301973834223185],
    [3.1746031746031744, 5, 0.6730876006966301],
    [1000, 3, 1.7994208765314067e-216],
  ])('Pr(chi2 >= %p) with %p degrees of freedom is %p', (x, k, expected) => {
    expect(Math.abs(chiSquareSurvival(x, k) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  it('is 1 at 0', () => {
    expect(chiSquareSurvival(0, 4)).toBe(1);
  });
});
