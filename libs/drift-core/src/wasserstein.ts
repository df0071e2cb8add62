import { sortedSample, type SortedSample } from './sorted-sample';

/**
 * First Wasserstein (earth mover's) distance between two samples (scipy `wasserstein_distance`):
 * the area between their empirical distribution functions.
 */
export function wassersteinDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): number {
  return wassersteinDistanceOfSorted(
    sortedSample(reference, 'reference'),
    sortedSample(current, 'current'),
  );
}

/**
 * Wasserstein distance divided by the reference's population standard deviation, so that one
 * threshold fits features of any scale; null when the reference is constant.
 */
export function normedWassersteinDistance(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): number | null {
  const sortedReference = sortedSample(reference, 'reference');
  const distance = wassersteinDistanceOfSorted(sortedReference, sortedSample(current, 'current'));
  return normedBySpread(distance, sortedReference);
}

/** A distance divided by the population standard deviation of the reference; null for a constant reference. */
export function normedBySpread(distance: number, reference: SortedSample): number | null {
  const spread = populationStandardDeviation(reference);
  return spread === 0 ? null : distance / spread;
}

/**
 * {@link wassersteinDistance} of samples already checked and sorted: one walk over both, as
 * between consecutive distinct values x < y of the union the two distribution functions are
 * constant and contribute |F(x) - G(x)| (y - x).
 */
export function wassersteinDistanceOfSorted(u: SortedSample, v: SortedSample): number {
  let i = 0;
  let j = 0;
  let area = 0;
  let previous = Math.min(u[0]!, v[0]!);
  while (i < u.length || j < v.length) {
    const next = Math.min(i < u.length ? u[i]! : Infinity, j < v.length ? v[j]! : Infinity);
    const gap = Math.abs(i / u.length - j / v.length);
    // Where the functions agree the interval adds nothing, even if its width overflowed to Infinity.
    if (gap !== 0) area += gap * (next - previous);
    while (i < u.length && u[i] === next) i++;
    while (j < v.length && v[j] === next) j++;
    previous = next;
  }
  return area;
}

/**
 * Population standard deviation (ddof 0) of a sorted sample, exactly 0 for a constant one: numpy
 * can answer 1e-17 for [0.1, 0.1, 0.1] through rounding in the mean, which would turn a zero
 * distance into an arbitrary normed one.
 */
export function populationStandardDeviation(values: SortedSample): number {
  if (values[0] === values[values.length - 1]) return 0;
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let index = 0; index < values.length; index++) squares += (values[index]! - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
