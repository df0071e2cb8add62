import { categoricalDrift } from './categorical-drift';
import type {
  CategoricalColumnStatistics,
  CategoricalReference,
  CategoricalWindowColumn,
  ColumnReference,
  ColumnStatistics,
  NumericColumnStatistics,
  NumericReference,
  NumericWindowColumn,
  SerializedSketch,
  WindowColumn,
} from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { jensenShannonDistance } from './jensen-shannon';
import { kullbackLeiblerDivergence } from './kl';
import { asymptoticKsTest, kolmogorovSmirnovTestOfSorted, type KsTestResult } from './ks';
import { populationStabilityIndex } from './psi';
import { sortedSample } from './sorted-sample';
import { sketchBuckets } from './value-sketch';
import { wassersteinDistanceOfSorted } from './wasserstein';

/**
 * Every statistic of a window's column against its reference column; null statistics for a
 * window without values. Numeric: PSI, KL and JS on the reference's bins; KS and Wasserstein on
 * the exact values when both sides kept them (then equal to numericDrift), else from the two
 * sketches, flagged `approximate`, with the asymptotic KS p-value. Measured on 100,000-value
 * normal, lognormal and bimodal windows against 100,000-value references (four seeds), the
 * sketches' KS D is within 0.0005 of the exact D and their Wasserstein distance within 8e-5
 * reference standard deviations of the exact one (1.8 % of a no-drift distance, 0.1 % of a
 * drifted one). The error grows with |mean| / std, as a bucket is 2 % of its value wide: for
 * N(100, 1) against N(100.3, 1) D is 0.021 short and W 0.002 sd off.
 */
export function compareColumn(reference: ColumnReference, current: WindowColumn): ColumnStatistics {
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    return compareNumeric(reference, current);
  }
  if (reference.kind === 'categorical' && current.kind === 'categorical') {
    return compareCategorical(reference, current);
  }
  throw new InvalidDriftInputError(
    `a ${reference.kind} reference cannot be compared with a ${current.kind} window column`,
  );
}

function compareNumeric(
  reference: NumericReference,
  current: NumericWindowColumn,
): NumericColumnStatistics {
  const shared = {
    kind: 'numeric',
    referenceCount: reference.count,
    currentCount: current.count,
  } as const;
  if (current.count === 0) {
    return {
      ...shared,
      ks: null,
      psi: null,
      kl: null,
      js: null,
      wasserstein: null,
      wassersteinNormed: null,
      approximate: { ks: false, wasserstein: false },
    };
  }
  const { ks, wasserstein, approximate } =
    reference.sample !== null && current.values !== null
      ? exactDistances(reference.sample, current.values)
      : sketchDistances(reference, current);
  return {
    ...shared,
    ks,
    psi: populationStabilityIndex(reference.binCounts, current.binCounts),
    kl: kullbackLeiblerDivergence(reference.binCounts, current.binCounts),
    js: jensenShannonDistance(reference.binCounts, current.binCounts),
    wasserstein,
    // The population standard deviation numericDrift divides by, frozen at fitting.
    wassersteinNormed: reference.std === 0 ? null : wasserstein / reference.std,
    approximate: { ks: approximate, wasserstein: approximate },
  };
}

interface Distances {
  ks: KsTestResult;
  wasserstein: number;
  approximate: boolean;
}

function exactDistances(sample: readonly number[], values: readonly number[]): Distances {
  const sortedReference = sortedSample(sample, 'reference sample');
  const sortedCurrent = sortedSample(values, 'window values');
  return {
    ks: kolmogorovSmirnovTestOfSorted(sortedReference, sortedCurrent),
    wasserstein: wassersteinDistanceOfSorted(sortedReference, sortedCurrent),
    approximate: false,
  };
}

function sketchDistances(reference: NumericReference, current: NumericWindowColumn): Distances {
  const statistic = sketchKsStatistic(reference.sketch, current.sketch);
  return {
    ks: asymptoticKsTest(statistic, reference.count, current.count),
    wasserstein: sketchWassersteinDistance(
      quantilePieces(reference.sketch, current.sketch, reference.min, reference.max),
      quantilePieces(current.sketch, reference.sketch, current.min!, current.max!),
    ),
    approximate: true,
  };
}

function compareCategorical(
  reference: CategoricalReference,
  current: CategoricalWindowColumn,
): CategoricalColumnStatistics {
  const shared = {
    kind: 'categorical',
    referenceCount: reference.count,
    currentCount: current.count,
  } as const;
  if (current.count === 0) {
    return {
      ...shared,
      categories: [],
      newCategories: [],
      psi: null,
      kl: null,
      js: null,
      chiSquare: null,
      z: null,
    };
  }
  const statistics = categoricalDrift({
    referenceCounts: reference.counts,
    currentCounts: current.counts,
  });
  return {
    ...shared,
    categories: statistics.categories,
    newCategories: statistics.newCategories,
    psi: statistics.psi,
    kl: statistics.kl,
    js: statistics.jsDistance,
    chiSquare: statistics.chiSquare,
    z: statistics.twoProportionZ,
  };
}

/**
 * KS D of two sketches: the largest gap between their distribution functions where both are
 * exact, between buckets (sketches share their buckets). A lower bound of the exact D, short of
 * it by at most the difference of the two sides' shares of one bucket.
 */
function sketchKsStatistic(a: SerializedSketch, b: SerializedSketch): number {
  const left = sketchBuckets(a, b);
  const right = sketchBuckets(b, a);
  let i = 0;
  let j = 0;
  let belowLeft = 0;
  let belowRight = 0;
  let gap = 0;
  while (i < left.length || j < right.length) {
    const next = Math.min(left[i]?.lower ?? Infinity, right[j]?.lower ?? Infinity);
    if (left[i]?.lower === next) belowLeft += left[i++]!.count;
    if (right[j]?.lower === next) belowRight += right[j++]!.count;
    gap = Math.max(gap, Math.abs(belowLeft / a.count - belowRight / b.count));
  }
  return gap;
}

// A stretch of a quantile function: from probability `start` to `end` it runs linearly from
// `from` to `to`, as if a bucket's values were spread evenly over it.
interface QuantilePiece {
  start: number;
  end: number;
  from: number;
  to: number;
}

// The quantile function of a sketch, each bucket a linear piece, its ends clipped to the
// column's exact minimum and maximum (the outermost buckets are otherwise up to 2 % too wide).
function quantilePieces(
  sketch: SerializedSketch,
  other: SerializedSketch,
  min: number,
  max: number,
): QuantilePiece[] {
  const clipped = (value: number) => Math.min(max, Math.max(min, value));
  let below = 0;
  return sketchBuckets(sketch, other).map((bucket) => {
    const start = below / sketch.count;
    below += bucket.count;
    return {
      start,
      end: below / sketch.count,
      from: clipped(bucket.lower),
      to: clipped(bucket.upper),
    };
  });
}

/**
 * ∫|F⁻¹ − G⁻¹| over [0, 1], exact for the two piecewise-linear quantile functions: between the
 * pieces' ends both are linear, and so is their difference.
 */
function sketchWassersteinDistance(a: QuantilePiece[], b: QuantilePiece[]): number {
  let i = 0;
  let j = 0;
  let probability = 0;
  let area = 0;
  while (i < a.length && j < b.length) {
    const next = Math.min(a[i]!.end, b[j]!.end);
    const before = quantileAt(a[i]!, probability) - quantileAt(b[j]!, probability);
    const after = quantileAt(a[i]!, next) - quantileAt(b[j]!, next);
    area += areaOfLinear(before, after, next - probability);
    probability = next;
    if (a[i]!.end === next) i++;
    if (b[j]!.end === next) j++;
  }
  return area;
}

function quantileAt(piece: QuantilePiece, probability: number): number {
  return (
    piece.from + ((piece.to - piece.from) * (probability - piece.start)) / (piece.end - piece.start)
  );
}

// ∫|d| over a width where d runs linearly from `before` to `after`.
function areaOfLinear(before: number, after: number, width: number): number {
  const [a, b] = [Math.abs(before), Math.abs(after)];
  if (before * after >= 0) return ((a + b) / 2) * width;
  return ((a * a + b * b) / (2 * (a + b))) * width;
}
