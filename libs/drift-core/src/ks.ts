import { exactKsTwoSidedPValue, greatestCommonDivisor } from './ks-exact';
import { kolmogorovSmirnovSurvival } from './kolmogorov-distribution';
import { sortedSample, type SortedSample } from './sorted-sample';

/** Above this sample size (of either side) the p-value is asymptotic, as scipy's `MAX_AUTO_N`. */
export const MAX_EXACT_KS_SAMPLE = 10_000;

/** Outcome of a two-sample Kolmogorov-Smirnov test, and how its p-value was obtained. */
export interface KsTestResult {
  /** Largest distance between the two empirical distribution functions, in [0, 1]. */
  statistic: number;
  /** Two-sided p-value, in [0, 1]. */
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sided two-sample Kolmogorov-Smirnov test as scipy `ks_2samp(reference, current,
 * method="auto")`: exact p-value when neither sample exceeds {@link MAX_EXACT_KS_SAMPLE}
 * (falling back to the asymptotic one if the exact computation fails), else the Kolmogorov
 * distribution for the effective size n1 n2 / (n1 + n2).
 */
export function kolmogorovSmirnovTest(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): KsTestResult {
  return kolmogorovSmirnovTestOfSorted(
    sortedSample(reference, 'reference'),
    sortedSample(current, 'current'),
  );
}

/** {@link kolmogorovSmirnovTest} of samples already checked and sorted. */
export function kolmogorovSmirnovTestOfSorted(
  reference: SortedSample,
  current: SortedSample,
): KsTestResult {
  const n1 = reference.length;
  const n2 = current.length;
  let statistic = largestDistributionGap(reference, current);
  if (Math.max(n1, n2) <= MAX_EXACT_KS_SAMPLE) {
    // The exact distribution lives on multiples of 1/lcm(n1, n2); scipy reports the statistic
    // snapped to that lattice.
    const lcm = (n1 / greatestCommonDivisor(n1, n2)) * n2;
    const h = roundHalfToEven(statistic * lcm);
    statistic = h / lcm;
    const pValue = exactKsTwoSidedPValue(n1, n2, h);
    if (pValue >= 0 && pValue <= 1) return { statistic, pValue, method: 'exact' };
  }
  return asymptoticKsTest(statistic, n1, n2);
}

/**
 * The asymptotic two-sided p-value of a KS statistic of samples of n1 and n2 values, as scipy's
 * `method="asymptotic"`: the Kolmogorov distribution at the effective size n1 n2 / (n1 + n2).
 */
export function asymptoticKsTest(statistic: number, n1: number, n2: number): KsTestResult {
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effectiveSize = roundHalfToEven((m * n) / (m + n));
  const pValue = Math.min(1, Math.max(0, kolmogorovSmirnovSurvival(effectiveSize, statistic)));
  return { statistic, pValue, method: 'asymptotic' };
}

// max over the pooled values x of |F1(x) - F2(x)|, both functions right-continuous, in one merge.
function largestDistributionGap(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let gap = 0;
  while (i < a.length || j < b.length) {
    const next = Math.min(i < a.length ? a[i]! : Infinity, j < b.length ? b[j]! : Infinity);
    while (i < a.length && a[i] === next) i++;
    while (j < b.length && b[j] === next) j++;
    const difference = Math.abs(i / a.length - j / b.length);
    if (difference > gap) gap = difference;
  }
  return gap;
}

// numpy's round: halves go to the even neighbour.
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
