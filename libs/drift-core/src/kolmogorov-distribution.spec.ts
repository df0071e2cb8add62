import { kolmogorovSmirnovSurvival } from './kolmogorov-distribution';

// Expected values: scipy.stats.kstwo.sf(x, n), scipy 1.17.1; one per method scipy chooses.
describe('kolmogorovSmirnovSurvival', () => {
  it.each([
    ['below 1/(2n): certain', 10, 0.04, 1],
    ['Ruben-Gambino near 1/n, small n', 10, 0.08, 0.9999978058034054],
    ['Ruben-Gambino near 1/n, large n', 1000, 0.0008, 1],
    ['Ruben-Gambino near 1', 10, 0.95, 1.9531250000000172e-13],
    ['twice the one-sided tail above 1/2', 10, 0.6, 0.0005681672000000003],
    ['Durbin matrix, small n', 100, 0.08, 0.5182193645480672],
    ['Pomeranz recursion, small n', 100, 0.15, 0.019839242125643017],
    ['one-sided tails, small n', 100, 0.25, 5.408871776434847e-6],
    ['one-sided tails, large n', 1000, 0.06, 0.001428597887952891],
    ['Durbin matrix, large n', 1000, 0.01, 0.9999496745370611],
    ['Pelz-Good', 1000, 0.03, 0.3226902143914636],
    ['Pelz-Good, very large n', 200_000, 0.002, 0.39995085369038097],
    ['negligible tail', 2000, 0.45, 0],
  ])('%s: Pr(D_%p >= %p)', (_method, n, x, expected) => {
    const probability = kolmogorovSmirnovSurvival(n, x);
    expect(Math.abs(probability - expected)).toBeLessThanOrEqual(Math.max(1e-9 * expected, 1e-15));
  });

  it('is 1 at 0 and 0 at 1', () => {
    expect(kolmogorovSmirnovSurvival(25, 0)).toBe(1);
    expect(kolmogorovSmirnovSurvival(25, 1)).toBe(0);
  });

  it('falls as the statistic grows', () => {
    const grid = Array.from({ length: 200 }, (_, i) => kolmogorovSmirnovSurvival(500, i / 200));
    grid
      .slice(1)
      .forEach((probability, i) => expect(probability).toBeLessThanOrEqual(grid[i]! + 1e-12));
  });

  it('is undefined for a sample size that is not a positive integer', () => {
    expect(kolmogorovSmirnovSurvival(0, 0.1)).toBeNaN();
    expect(kolmogorovSmirnovSurvival(2.5, 0.1)).toBeNaN();
  });
});
