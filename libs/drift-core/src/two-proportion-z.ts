import erfc from '@stdlib/math-base-special-erfc';
import { InvalidDriftInputError } from './invalid-drift-input.error';

/** How many of a group's observations fall in the category tested. */
export interface ProportionCount {
  successes: number;
  total: number;
}

/** Outcome of a two-proportion z-test. */
export interface ZTestResult {
  /** (reference share - current share) / pooled standard error. */
  statistic: number;
  /** Two-sided p-value from the standard normal distribution. */
  pValue: number;
}

/**
 * Pooled two-proportion z-test of reference against current: z = (p1 - p2) / sqrt(p (1 - p)
 * (1/n1 + 1/n2)) with p the pooled share; two-sided p-value erfc(|z| / sqrt 2). When both groups
 * are all successes or all failures there is no difference to see: z = 0, p = 1.
 */
export function twoProportionZTest(
  reference: ProportionCount,
  current: ProportionCount,
): ZTestResult {
  requireProportion(reference, 'reference');
  requireProportion(current, 'current');
  const pooled = (reference.successes + current.successes) / (reference.total + current.total);
  const standardError = Math.sqrt(
    pooled * (1 - pooled) * (1 / reference.total + 1 / current.total),
  );
  if (standardError === 0) return { statistic: 0, pValue: 1 };
  const statistic =
    (reference.successes / reference.total - current.successes / current.total) / standardError;
  return { statistic, pValue: erfc(Math.abs(statistic) / Math.SQRT2) };
}

function requireProportion({ successes, total }: ProportionCount, name: string): void {
  if (
    !Number.isFinite(total) ||
    total <= 0 ||
    !Number.isFinite(successes) ||
    successes < 0 ||
    successes > total
  ) {
    throw new InvalidDriftInputError(
      `${name} needs 0 <= successes <= total with a positive total, got ${successes} of ${total}`,
    );
  }
}
