import { compareCodeUnits } from '@tenantry/common';
import type { ColumnReference, WindowColumn } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { proportions } from './proportions';

/** A bin of a numeric column between two reference edges; null stands for -Infinity or Infinity. */
export interface HistogramBin {
  lower: number | null;
  upper: number | null;
  referenceCount: number;
  currentCount: number;
  /** Share of the side's non-missing values, 0 when the side has none. */
  referenceShare: number;
  currentShare: number;
}

/** A category of a categorical column on both sides. */
export interface CategoryShare {
  category: string;
  referenceCount: number;
  currentCount: number;
  referenceShare: number;
  currentShare: number;
  /** The reference never saw it. */
  isNew: boolean;
}

/** The reference and current distribution of one column, side by side. */
export type ColumnHistogram =
  { kind: 'numeric'; bins: HistogramBin[] } | { kind: 'categorical'; categories: CategoryShare[] };

/**
 * The reference's frozen bins (or the categories of both sides) with each side's counts and
 * shares. Categories come by reference count, then current count, largest first, then by name.
 */
export function columnHistogram(
  reference: ColumnReference,
  current: WindowColumn,
): ColumnHistogram {
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    if (current.binCounts.length !== reference.binCounts.length) {
      throw new InvalidDriftInputError(
        `the window has ${current.binCounts.length} bins, its reference ${reference.binCounts.length}`,
      );
    }
    const edges = [null, ...reference.innerEdges, null];
    const referenceShares = shares(reference.binCounts);
    const currentShares = shares(current.binCounts);
    return {
      kind: 'numeric',
      bins: reference.binCounts.map((referenceCount, index) => ({
        lower: edges[index]!,
        upper: edges[index + 1]!,
        referenceCount,
        currentCount: current.binCounts[index]!,
        referenceShare: referenceShares[index]!,
        currentShare: currentShares[index]!,
      })),
    };
  }
  if (reference.kind === 'categorical' && current.kind === 'categorical') {
    const categories = [
      ...new Set([...Object.keys(reference.counts), ...Object.keys(current.counts)]),
    ]
      .map((category) => ({
        category,
        referenceCount: countOf(reference.counts, category),
        currentCount: countOf(current.counts, category),
      }))
      .sort(
        (a, b) =>
          b.referenceCount - a.referenceCount ||
          b.currentCount - a.currentCount ||
          compareCodeUnits(a.category, b.category),
      );
    const referenceShares = shares(categories.map((category) => category.referenceCount));
    const currentShares = shares(categories.map((category) => category.currentCount));
    return {
      kind: 'categorical',
      categories: categories.map((category, index) => ({
        ...category,
        referenceShare: referenceShares[index]!,
        currentShare: currentShares[index]!,
        isNew: category.referenceCount === 0,
      })),
    };
  }
  throw new InvalidDriftInputError(
    `the reference column is ${reference.kind} but the window column ${current.kind}`,
  );
}

function shares(counts: number[]): number[] {
  return counts.some((count) => count > 0) ? proportions(counts) : counts.map(() => 0);
}

function countOf(counts: Readonly<Record<string, number>>, category: string): number {
  return Object.hasOwn(counts, category) ? counts[category]! : 0;
}
