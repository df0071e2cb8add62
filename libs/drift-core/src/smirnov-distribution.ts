/** Below this, exp() underflows to 0 (cephes MINLOG). */
const MIN_LOG = -708.3964185322641;
/** scipy sums the series exactly up to this sample size and approximates above it. */
const MAX_EXACT_N = 1_000_000;

/**
 * Survival function of the one-sided one-sample Kolmogorov-Smirnov statistic, Pr(D+_n >= x),
 * as scipy.special.smirnov (cephes): the Birnbaum-Tingey (1951) sum
 * x * sum_{v=0}^{floor(n(1-x))} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
 * whose terms are all positive, evaluated in logarithms so that neither C(n, v) nor the powers overflow.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  const nxFloor = Math.floor(nx);
  if (nxFloor === 0 || (nxFloor === 1 && nx === 1)) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return Math.pow(1 - x, n);
  if (n > MAX_EXACT_N) {
    const logP = -Math.pow(6 * nx + 1, 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }
  // The last term, v = n - ceil(nx), is the last whose (1 - x - v/n) is positive.
  const lastV = n - nxFloor - 1;
  const logX = Math.log(x);
  let logBinomial = 0;
  let sum = 0;
  for (let v = 0; v <= lastV; v++) {
    const rising = (nx + v) / n;
    const logFalling = rising < 0.5 ? Math.log1p(-rising) : Math.log((n - v - nx) / n);
    const term = Math.exp(logBinomial + logX + (v - 1) * Math.log(rising) + (n - v) * logFalling);
    sum += term;
    // As cephes: stop once the remaining terms, each smaller than this one, cannot move the sum.
    if (term !== 0 && 4 * (lastV - v) * term < Number.EPSILON * sum) break;
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return Math.min(1, Math.max(0, sum));
}
