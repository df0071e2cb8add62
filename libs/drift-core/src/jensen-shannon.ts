import { requireAligned } from './input-checks';
import { proportions } from './proportions';

/**
 * Jensen-Shannon distance in base 2 (scipy `jensenshannon(p, q, base=2)`), in [0, 1]: each side is
 * normalised to sum to 1 and zero proportions stay zero.
 */
export function jensenShannonDistance(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  requireAligned(referenceCounts, currentCounts);
  const p = proportions(referenceCounts, 'reference counts');
  const q = proportions(currentCounts, 'current counts');
  let divergence = 0;
  p.forEach((pi, i) => {
    const qi = q[i]!;
    const mi = (pi + qi) / 2;
    divergence += relativeEntropy(pi, mi) + relativeEntropy(qi, mi);
  });
  // Rounding can leave a tiny negative sum for near-identical inputs; the distance is then 0.
  return Math.sqrt(Math.max(0, divergence / Math.LN2 / 2));
}

// scipy.special.rel_entr: x ln(x / y), defined as 0 at x = 0.
function relativeEntropy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(x / y);
}
