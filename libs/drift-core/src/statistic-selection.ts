import type { ColumnStatistics } from './drift-types';
import { defaultThresholds, type FeatureSpec, type StatisticName } from './model-spec';

/** Above this many current values the p-value tests flag negligible differences: distances take over. */
const SMALL_WINDOW_LIMIT = 1000;

/** The statistic a column is judged by and the threshold it is held to. */
export interface SelectedStatistic {
  statistic: StatisticName;
  threshold: number;
}

/**
 * Picks how a column of a window is judged. The feature's own statistic (and threshold, else the
 * statistic's default) wins whenever it could be computed for this window; otherwise, as Evidently's
 * defaults: numeric → KS up to 1,000 current values, normed Wasserstein above (PSI when the reference
 * is constant and the normed distance undefined); categorical → Z for exactly two categories,
 * chi-square otherwise, Jensen-Shannon above 1,000 values or when chi-square is undefined (a new
 * category, or a single one).
 */
export function selectStatistic(feature: FeatureSpec, stats: ColumnStatistics): SelectedStatistic {
  if (feature.statistic !== undefined && statisticValue(stats, feature.statistic) !== null) {
    return {
      statistic: feature.statistic,
      threshold: feature.threshold ?? defaultThresholds[feature.statistic],
    };
  }
  const statistic = automaticStatistic(stats);
  return { statistic, threshold: defaultThresholds[statistic] };
}

/** The value a statistic took for a column: a p-value for ks/chi_square/z, else the distance; null when undefined. */
export function statisticValue(stats: ColumnStatistics, statistic: StatisticName): number | null {
  if (stats.kind === 'numeric') {
    switch (statistic) {
      case 'ks':
        return stats.ks?.pValue ?? null;
      case 'wasserstein':
        return stats.wasserstein;
      case 'wasserstein_normed':
        return stats.wassersteinNormed;
      case 'psi':
      case 'kl':
      case 'js':
        return stats[statistic];
      default:
        return null;
    }
  }
  switch (statistic) {
    case 'chi_square':
      return stats.chiSquare?.pValue ?? null;
    case 'z':
      return stats.z?.pValue ?? null;
    case 'psi':
    case 'kl':
    case 'js':
      return stats[statistic];
    default:
      return null;
  }
}

function automaticStatistic(stats: ColumnStatistics): StatisticName {
  const large = stats.currentCount > SMALL_WINDOW_LIMIT;
  if (stats.kind === 'numeric') {
    if (!large) return 'ks';
    return stats.wassersteinNormed === null ? 'psi' : 'wasserstein_normed';
  }
  if (large) return 'js';
  if (stats.categories.length === 2) return 'z';
  return stats.chiSquare === null ? 'js' : 'chi_square';
}
