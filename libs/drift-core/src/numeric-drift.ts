import { binCounts, quantileEdgesOfSorted } from './binning';
import { jensenShannonDistance } from './jensen-shannon';
import { kullbackLeiblerDivergence } from './kl';
import { kolmogorovSmirnovTestOfSorted } from './ks';
import { populationStabilityIndex } from './psi';
import { sortedSample } from './sorted-sample';
import { normedBySpread, wassersteinDistanceOfSorted } from './wasserstein';

/** A numeric feature's reference sample, a current window of it, and how many quantile bins to use. */
export interface NumericDriftInput {
  reference: ArrayLike<number>;
  current: ArrayLike<number>;
  bins: number;
}

/** Every drift statistic of a numeric feature, as the conformance vectors define them. */
export interface NumericDriftStatistics {
  /** Bin edges frozen from the reference, -Infinity first and Infinity last. */
  edges: number[];
  referenceCounts: number[];
  currentCounts: number[];
  ks: { statistic: number; pValue: number; method: 'exact' | 'asymptotic' };
  psi: number;
  kl: number;
  jsDistance: number;
  wasserstein: number;
  /** Wasserstein over the reference's population standard deviation; null for a constant reference. */
  wassersteinNormed: number | null;
}

/** Compares a current window of a numeric feature with its reference on every statistic. */
export function numericDrift({
  reference,
  current,
  bins,
}: NumericDriftInput): NumericDriftStatistics {
  // Sorted once: edges, KS and Wasserstein all walk the sorted samples.
  const sortedReference = sortedSample(reference, 'reference');
  const sortedCurrent = sortedSample(current, 'current');
  const edges = quantileEdgesOfSorted(sortedReference, bins);
  const referenceCounts = binCounts(sortedReference, edges);
  const currentCounts = binCounts(sortedCurrent, edges);
  const wasserstein = wassersteinDistanceOfSorted(sortedReference, sortedCurrent);
  return {
    edges,
    referenceCounts,
    currentCounts,
    ks: kolmogorovSmirnovTestOfSorted(sortedReference, sortedCurrent),
    psi: populationStabilityIndex(referenceCounts, currentCounts),
    kl: kullbackLeiblerDivergence(referenceCounts, currentCounts),
    jsDistance: jensenShannonDistance(referenceCounts, currentCounts),
    wasserstein,
    wassersteinNormed: normedBySpread(wasserstein, sortedReference),
  };
}
