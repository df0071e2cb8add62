import { requireAligned } from './input-checks';
import { flooredProportions } from './proportions';

/**
 * Kullback-Leibler divergence KL(current || reference) in nats over the same bins:
 * sum(q * ln(q / p)), zero proportions floored.
 */
export function kullbackLeiblerDivergence(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  requireAligned(referenceCounts, currentCounts);
  const p = flooredProportions(referenceCounts, 'reference counts');
  const q = flooredProportions(currentCounts, 'current counts');
  return q.reduce((sum, qi, i) => sum + qi * Math.log(qi / p[i]!), 0);
}
