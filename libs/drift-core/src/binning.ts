import { InvalidDriftInputError } from './invalid-drift-input.error';
import { sortedSample, type SortedSample } from './sorted-sample';

/** The most bins a numeric feature may ask for; more says more about a typo than about the data. */
export const MAX_BINS = 10_000;

/**
 * Bin edges frozen from a reference sample: its `bins`-quantiles (numpy `method="linear"`),
 * de-duplicated, between -Infinity and Infinity.
 */
export function quantileEdges(reference: ArrayLike<number>, bins: number): number[] {
  requireBins(bins);
  return quantileEdgesOfSorted(sortedSample(reference, 'reference'), bins);
}

/** {@link quantileEdges} of a reference already checked and sorted. */
export function quantileEdgesOfSorted(sorted: SortedSample, bins: number): number[] {
  requireBins(bins);
  // numpy's linspace(0, 1, bins + 1) makes the k-th probability k * (1 / bins), not k / bins;
  // the two differ in the last bit (0.30000000000000004 vs 0.3), and so can the edges.
  const step = 1 / bins;
  const inner: number[] = [];
  for (let k = 1; k < bins; k++) inner.push(linearQuantile(sorted, k * step));
  inner.sort((a, b) => a - b);
  const distinct = inner.filter((edge, index) => index === 0 || edge !== inner[index - 1]);
  return [-Infinity, ...distinct, Infinity];
}

/**
 * How many values fall in each bin `[edges[i], edges[i + 1])`: a value equal to an inner edge
 * counts in the bin on its right.
 */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  requireEdges(edges);
  const inner = Float64Array.from(edges);
  const last = inner.length - 1;
  const counts = new Array<number>(last).fill(0);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    // value - value is NaN exactly when the value is NaN or an infinity.
    if (value - value !== 0) {
      throw new InvalidDriftInputError(`values[${index}] is ${String(value)}, not a finite number`);
    }
    // Binary search for the first inner edge above the value; its index is the bin's end.
    let low = 1;
    let high = last;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (inner[middle]! <= value) low = middle + 1;
      else high = middle;
    }
    counts[low - 1]!++;
  }
  return counts;
}

/** How often each category occurs, in order of first appearance. */
export function categoryCounts(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

// numpy's quantile with method="linear" (Hyndman & Fan type 7), including its `_lerp`, which
// interpolates from the nearer neighbour so that the result stays within [a, b].
function linearQuantile(sorted: Float64Array, probability: number): number {
  const virtualIndex = (sorted.length - 1) * probability;
  if (virtualIndex >= sorted.length - 1) return sorted[sorted.length - 1]!;
  const previous = Math.floor(virtualIndex);
  const gamma = virtualIndex - previous;
  const below = sorted[previous]!;
  const above = sorted[previous + 1]!;
  const difference = above - below;
  return gamma >= 0.5 ? above - difference * (1 - gamma) : below + difference * gamma;
}

function requireBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new InvalidDriftInputError(`bins must be an integer from 1 to ${MAX_BINS}, got ${bins}`);
  }
}

function requireEdges(edges: readonly number[]): void {
  if (edges.length < 2 || edges[0] !== -Infinity || edges[edges.length - 1] !== Infinity) {
    throw new InvalidDriftInputError('bin edges must run from -Infinity to Infinity');
  }
  for (let index = 1; index < edges.length; index++) {
    if (!(edges[index]! > edges[index - 1]!)) {
      throw new InvalidDriftInputError(`bin edges must increase, edges[${index}] does not`);
    }
  }
}
