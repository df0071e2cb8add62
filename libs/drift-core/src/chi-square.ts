import gammainc from '@stdlib/math-base-special-gammainc';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { requireAligned, requireCounts } from './input-checks';

/** Outcome of Pearson's chi-square goodness-of-fit test. */
export interface ChiSquareTestResult {
  statistic: number;
  /** Pr(chi2 with k - 1 degrees of freedom >= statistic). */
  pValue: number;
  degreesOfFreedom: number;
}

/**
 * Pearson's chi-square test of observed counts against expected frequencies over k >= 2
 * categories (scipy `chisquare(observed, f_exp=expected)`); the p-value is the chi-square
 * survival function, the regularised upper incomplete gamma Q((k - 1)/2, statistic/2).
 */
export function chiSquareTest(
  observed: readonly number[],
  expected: readonly number[],
): ChiSquareTestResult {
  requireAligned(expected, observed);
  requireCounts(observed, 'observed counts');
  requireCounts(expected, 'expected frequencies');
  if (observed.length < 2) {
    throw new InvalidDriftInputError('a chi-square test needs at least two categories');
  }
  const zero = expected.findIndex((frequency) => frequency === 0);
  if (zero >= 0) {
    throw new InvalidDriftInputError(
      `expected frequency ${zero} is 0: the chi-square test is undefined`,
    );
  }
  const observedTotal = observed.reduce((sum, count) => sum + count, 0);
  const expectedTotal = expected.reduce((sum, frequency) => sum + frequency, 0);
  // scipy's own check: both must describe the same number of observations.
  if (
    Math.abs(observedTotal - expectedTotal) / Math.min(observedTotal, expectedTotal) >
    Math.sqrt(Number.EPSILON)
  ) {
    throw new InvalidDriftInputError(
      `observed counts sum to ${observedTotal} but expected frequencies to ${expectedTotal}`,
    );
  }
  const statistic = observed.reduce(
    (sum, count, i) => sum + (count - expected[i]!) ** 2 / expected[i]!,
    0,
  );
  const degreesOfFreedom = observed.length - 1;
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
}

/** Pr(X >= x) for X chi-square distributed with the given degrees of freedom. */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, degreesOfFreedom / 2, true, true);
}
