import { requireFiniteSample } from './input-checks';

/** A non-empty sample of finite numbers in ascending order, so that it is checked and sorted once. */
export type SortedSample = Float64Array & { readonly sortedAscending: true };

/** Checks a sample (non-empty, no NaN, no infinity) and sorts a copy of it. */
export function sortedSample(values: ArrayLike<number>, name: string): SortedSample {
  requireFiniteSample(values, name);
  return Float64Array.from(values).sort() as SortedSample;
}
