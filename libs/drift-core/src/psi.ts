import { requireAligned } from './input-checks';
import { flooredProportions } from './proportions';

/**
 * Population stability index of the current counts against the reference counts over the same
 * bins: sum((q - p) * ln(q / p)), zero proportions floored.
 */
export function populationStabilityIndex(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  requireAligned(referenceCounts, currentCounts);
  const p = flooredProportions(referenceCounts, 'reference counts');
  const q = flooredProportions(currentCounts, 'current counts');
  return p.reduce((sum, pi, i) => sum + (q[i]! - pi) * Math.log(q[i]! / pi), 0);
}
