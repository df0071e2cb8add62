import { exactKsTwoSidedPValue, greatestCommonDivisor } from './ks-exact';

// Expected values: scipy.stats._stats_py._compute_prob_outside_square (equal sizes) and
// _compute_outer_prob_inside_method (unequal sizes), scipy 1.17.1.
describe('exactKsTwoSidedPValue', () => {
  it.each([
    [5, 5, 3, 0.35714285714285715],
    [40, 40, 12, 0.054141077480362725],
    [300, 7, 1200, 0.01206904336792146],
    [10_000, 9_999, 1_000_000, 0.6934616429853464],
  ])('Pr(D >= h / lcm) for sizes %p and %p, h = %p, is %p', (n1, n2, h, expected) => {
    expect(exactKsTwoSidedPValue(n1, n2, h)).toBeCloseTo(expected, 12);
  });

  it('does not depend on which sample is which', () => {
    expect(exactKsTwoSidedPValue(7, 300, 1200)).toBe(exactKsTwoSidedPValue(300, 7, 1200));
  });

  it('is 1 for a statistic of 0', () => {
    expect(exactKsTwoSidedPValue(8, 12, 0)).toBe(1);
  });
});

describe('greatestCommonDivisor', () => {
  it('finds the largest common factor', () => {
    expect(greatestCommonDivisor(12_000, 11_000)).toBe(1000);
    expect(greatestCommonDivisor(7, 300)).toBe(1);
  });
});
