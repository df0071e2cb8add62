import { z } from 'zod';
import { categoricalDrift } from './categorical-drift';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { numericDrift } from './numeric-drift';

const numericCase = z.object({
  kind: z.literal('numeric').optional(),
  reference: z.array(z.number()),
  current: z.array(z.number()),
  bins: z.number().int(),
});

const categoricalCase = z.object({
  kind: z.literal('categorical').optional(),
  reference_counts: z.record(z.string(), z.number()),
  current_counts: z.record(z.string(), z.number()),
});

/** One drift case in the conformance-vector format (`name`, `edges`, `expected` are ignored). */
export type DriftCase = z.infer<typeof numericCase> | z.infer<typeof categoricalCase>;

/** The statistics of a numeric case, named as in the conformance vectors' `expected`. */
export interface NumericCaseStatistics {
  reference_counts: number[];
  current_counts: number[];
  ks_statistic: number;
  ks_pvalue: number;
  psi: number;
  kl: number;
  js_distance: number;
  wasserstein: number;
  wasserstein_normed: number | null;
}

/** The statistics of a categorical case, named as in the conformance vectors' `expected`. */
export interface CategoricalCaseStatistics {
  psi: number;
  kl: number;
  js_distance: number;
  new_categories: string[];
  chi2_statistic?: number;
  chi2_pvalue?: number;
  z_statistic?: number;
  z_pvalue?: number;
}

/**
 * Reads a drift case: numeric (`reference`, `current`, `bins`) or categorical
 * (`reference_counts`, `current_counts`), told apart by `kind` or else by its fields.
 */
export function parseDriftCase(value: unknown): DriftCase {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidDriftInputError(
      'a drift case is an object: numeric with reference, current and bins, or categorical with reference_counts and current_counts',
    );
  }
  const record = value as Record<string, unknown>;
  const isNumeric =
    record['kind'] === 'numeric' || (record['kind'] === undefined && 'reference' in record);
  const result = (isNumeric ? numericCase : categoricalCase).safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const described = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'case'}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new InvalidDriftInputError(
    `not a ${isNumeric ? 'numeric' : 'categorical'} drift case: ${described}${more}`,
  );
}

/** Computes a case's statistics under exactly the names of the conformance vectors' `expected`. */
export function driftCaseStatistics(
  driftCase: DriftCase,
): NumericCaseStatistics | CategoricalCaseStatistics {
  if ('reference' in driftCase) {
    const statistics = numericDrift(driftCase);
    return {
      reference_counts: statistics.referenceCounts,
      current_counts: statistics.currentCounts,
      ks_statistic: statistics.ks.statistic,
      ks_pvalue: statistics.ks.pValue,
      psi: statistics.psi,
      kl: statistics.kl,
      js_distance: statistics.jsDistance,
      wasserstein: statistics.wasserstein,
      wasserstein_normed: statistics.wassersteinNormed,
    };
  }
  const statistics = categoricalDrift({
    referenceCounts: driftCase.reference_counts,
    currentCounts: driftCase.current_counts,
  });
  return {
    psi: statistics.psi,
    kl: statistics.kl,
    js_distance: statistics.jsDistance,
    new_categories: statistics.newCategories,
    ...(statistics.chiSquare && {
      chi2_statistic: statistics.chiSquare.statistic,
      chi2_pvalue: statistics.chiSquare.pValue,
    }),
    ...(statistics.twoProportionZ && {
      z_statistic: statistics.twoProportionZ.statistic,
      z_pvalue: statistics.twoProportionZ.pValue,
    }),
  };
}
