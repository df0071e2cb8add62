import { smirnovSurvival } from './smirnov-distribution';

// Expected values: scipy.special.smirnov(n, x), scipy 1.17.1.
describe('smirnovSurvival', () => {
  it.each([
    [1, 0.3, 0.7],
    [5, 0.1, 0.85359],
    [10, 0.95, 9.765625000000086e-14],
    [10, 0.6, 0.0002840836000000002],
    [100, 0.25, 2.7044358882174237e-6],
    [1000, 0.06, 0.0007142989439764456],
    [2_000_000, 0.001, 0.018303432023617325],
  ])('Pr(D+_%p >= %p) is %p', (n, x, expected) => {
    expect(Math.abs(smirnovSurvival(n, x) - expected)).toBeLessThanOrEqual(1e-9 * expected);
  });

  it('is 1 at 0 and 0 at 1', () => {
    expect(smirnovSurvival(40, 0)).toBe(1);
    expect(smirnovSurvival(40, 1)).toBe(0);
  });
});
