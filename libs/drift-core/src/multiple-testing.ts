import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { DriftPolicy } from './model-spec';

/** A multiple-testing correction of the p-values of one window. */
export type PValueCorrection = DriftPolicy['correction'];

/**
 * Adjusts p-values for testing them together, as statsmodels `multipletests(pValues,
 * method='bonferroni' | 'fdr_bh')[1]`: Bonferroni multiplies each by their count; Benjamini-Hochberg
 * multiplies the i-th smallest by count / i and takes the running minimum from the largest down, so
 * the adjusted values keep the order of the raw ones and never fall below them. Both clip at 1; the order of the input is kept.
 */
export function adjustPValues(pValues: readonly number[], method: PValueCorrection): number[] {
  pValues.forEach((pValue, index) => {
    if (typeof pValue !== 'number' || !(pValue >= 0 && pValue <= 1)) {
      throw new InvalidDriftInputError(`p-value ${index} is ${String(pValue)}, not in [0, 1]`);
    }
  });
  const count = pValues.length;
  switch (method) {
    case 'none':
      return [...pValues];
    case 'bonferroni':
      return pValues.map((pValue) => Math.min(1, pValue * count));
    case 'benjamini_hochberg':
      return benjaminiHochberg(pValues);
  }
}

function benjaminiHochberg(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const ascending = pValues.map((_, index) => index).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(count);
  let runningMinimum = 1;
  for (let rank = count; rank >= 1; rank--) {
    const index = ascending[rank - 1]!;
    // Divided by rank / count as statsmodels does, which rounds the largest p-value to itself.
    runningMinimum = Math.min(runningMinimum, pValues[index]! / (rank / count));
    adjusted[index] = runningMinimum;
  }
  return adjusted;
}
