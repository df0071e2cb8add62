import { requireCounts } from './input-checks';

/** What replaces a zero proportion in PSI and KL, on either side, so that their logarithms stay finite. */
export const ZERO_PROPORTION_FLOOR = 1e-4;

/** Each count divided by the total. */
export function proportions(counts: readonly number[], name = 'counts'): number[] {
  requireCounts(counts, name);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => count / total);
}

/** Proportions with each zero replaced by {@link ZERO_PROPORTION_FLOOR} (not renormalised). */
export function flooredProportions(counts: readonly number[], name = 'counts'): number[] {
  return proportions(counts, name).map((share) => (share === 0 ? ZERO_PROPORTION_FLOOR : share));
}
