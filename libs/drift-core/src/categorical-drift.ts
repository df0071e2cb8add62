import { chiSquareTest, type ChiSquareTestResult } from './chi-square';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { requireCounts } from './input-checks';
import { jensenShannonDistance } from './jensen-shannon';
import { kullbackLeiblerDivergence } from './kl';
import { populationStabilityIndex } from './psi';
import { twoProportionZTest, type ZTestResult } from './two-proportion-z';

/** Category counts of a categorical feature: a Map or a plain object, category to count. */
export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** A categorical feature's counts in the reference and in a current window. */
export interface CategoricalDriftInput {
  referenceCounts: CategoryCounts;
  currentCounts: CategoryCounts;
}

/** Every drift statistic of a categorical feature, as the conformance vectors define them. */
export interface CategoricalDriftStatistics {
  /** Categories seen on either side, in code-point order; the counts below follow it. */
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
  /** Categories of the current window that the reference never saw. */
  newCategories: string[];
  psi: number;
  kl: number;
  jsDistance: number;
  /** Against the reference's proportions; null with a new category (its expected count is 0) or a single category. */
  chiSquare: ChiSquareTestResult | null;
  /** On the first category, for exactly two categories; null otherwise. */
  twoProportionZ: ZTestResult | null;
}

/** Compares a current window of a categorical feature with its reference on every statistic. */
export function categoricalDrift({
  referenceCounts,
  currentCounts,
}: CategoricalDriftInput): CategoricalDriftStatistics {
  const reference = countsByCategory(referenceCounts, 'reference counts');
  const current = countsByCategory(currentCounts, 'current counts');
  // A category counted 0 on both sides carries no information and would make chi-square undefined.
  const categories = [...new Set([...reference.keys(), ...current.keys()])]
    .filter((category) => (reference.get(category) ?? 0) + (current.get(category) ?? 0) > 0)
    .sort(compareCodePoints);
  const referenceAligned = categories.map((category) => reference.get(category) ?? 0);
  const currentAligned = categories.map((category) => current.get(category) ?? 0);
  requireCounts(referenceAligned, 'reference counts');
  requireCounts(currentAligned, 'current counts');
  const newCategories = categories.filter((_, i) => referenceAligned[i] === 0);
  const referenceTotal = sum(referenceAligned);
  const currentTotal = sum(currentAligned);
  return {
    categories,
    referenceCounts: referenceAligned,
    currentCounts: currentAligned,
    newCategories,
    psi: populationStabilityIndex(referenceAligned, currentAligned),
    kl: kullbackLeiblerDivergence(referenceAligned, currentAligned),
    jsDistance: jensenShannonDistance(referenceAligned, currentAligned),
    chiSquare:
      newCategories.length === 0 && categories.length >= 2
        ? chiSquareTest(
            currentAligned,
            referenceAligned.map((count) => (count / referenceTotal) * currentTotal),
          )
        : null,
    twoProportionZ:
      categories.length === 2
        ? twoProportionZTest(
            { successes: referenceAligned[0]!, total: referenceTotal },
            { successes: currentAligned[0]!, total: currentTotal },
          )
        : null,
  };
}

function countsByCategory(counts: CategoryCounts, name: string): Map<string, number> {
  const entries = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
  for (const [category, count] of entries) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new InvalidDriftInputError(`${name}["${category}"] is ${String(count)}, not a count`);
    }
  }
  return new Map(entries);
}

// Python's sorted() order, which the conformance vectors use; JavaScript's default sort compares
// UTF-16 code units and disagrees above U+FFFF.
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
