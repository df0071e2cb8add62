import { compareColumn } from './column-comparison';
import type {
  CategoricalColumnStatistics,
  ColumnReference,
  ColumnStatistics,
  ColumnVerdict,
  PageHinkleyState,
  PerformanceVerdict,
  ReferenceProfile,
  WindowColumn,
  WindowState,
  WindowVerdict,
} from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { columnOf } from './model-column';
import {
  pValueStatistics,
  type DriftPolicy,
  type FeatureSpec,
  type ModelSpec,
  type PerformanceSpec,
  type StatisticName,
} from './model-spec';
import { adjustPValues } from './multiple-testing';
import { pageHinkley as pageHinkleyStep } from './page-hinkley';
import { selectStatistic, statisticValue } from './statistic-selection';

/** A closed window of a model and segment, what it is compared with, and the performance detector so far. */
export interface WindowEvaluationInput {
  model: ModelSpec;
  reference: ReferenceProfile;
  state: WindowState;
  pageHinkley: PageHinkleyState | null;
}

/** The verdict on a window, and the performance detector to carry to the next window. */
export interface WindowEvaluation {
  verdict: WindowVerdict;
  pageHinkley: PageHinkleyState | null;
}

const MAX_TOP_FEATURES = 5;

/**
 * Judges one closed window against the reference. Each feature is compared on its selected
 * statistic: with fewer current values than `minSampleSize` (or a statistic undefined for the
 * window) it gets `insufficient_data`; a p-value statistic drifts when its p-value, corrected across
 * the window's features by `policy.correction`, is below the threshold and its effect reaches
 * `effectSizeFloor`; a distance drifts when it reaches the threshold. The prediction is judged the
 * same way without correction. New categories are always listed, but a new category alone is not
 * drift: it counts only through the statistic it moves. Performance drifts when the window error
 * is worse than the reference's by more than the tolerance, or when Page-Hinkley alarms on the
 * sequence of window errors; the detector only sees windows with enough labels.
 */
export function evaluateWindow({
  model,
  reference,
  state,
  pageHinkley,
}: WindowEvaluationInput): WindowEvaluation {
  const policy = model.policy;
  const features = judgeFeatures(
    model.features.map((feature) =>
      measureColumn(
        feature,
        columnOf(reference.features, feature.name, 'reference'),
        columnOf(state.features, feature.name, 'window'),
        policy,
      ),
    ),
    policy,
  );
  const prediction = model.prediction
    ? judgePrediction(model.prediction, reference, state, policy)
    : null;
  const performance = judgePerformance(model.performance, reference, state, pageHinkley);

  const judged = features.filter((verdict) => verdict.status !== 'insufficient_data');
  const driftedShare =
    judged.length === 0
      ? null
      : features.filter((verdict) => verdict.status === 'drift').length / judged.length;
  const datasetDrift = driftedShare !== null && driftedShare >= policy.datasetDriftShare;
  const columns = prediction ? [...features, prediction] : features;
  const drifted = columns.filter((verdict) => verdict.status === 'drift');
  const performanceDrift = performance.verdict?.status === 'drift';
  const anyJudged =
    columns.some((verdict) => verdict.status !== 'insufficient_data') ||
    (performance.verdict !== null && performance.verdict.status !== 'insufficient_data');
  const drift = drifted.length > 0 || performanceDrift;
  return {
    verdict: {
      features,
      prediction,
      performance: performance.verdict,
      driftedShare,
      datasetDrift,
      status: drift ? 'drift' : anyJudged ? 'no_drift' : 'insufficient_data',
      severity: datasetDrift || performanceDrift ? 'critical' : drift ? 'warning' : null,
      topFeatures: drifted
        .sort((a, b) => (b.effect ?? 0) - (a.effect ?? 0))
        .slice(0, MAX_TOP_FEATURES),
    },
    pageHinkley: performance.pageHinkley,
  };
}

/** A column compared and its statistic chosen, before p-values are corrected and drift decided. */
interface MeasuredColumn {
  verdict: Omit<ColumnVerdict, 'status' | 'adjustedPValue'>;
  judged: boolean;
  byPValue: boolean;
}

function measureColumn(
  feature: FeatureSpec,
  reference: ColumnReference,
  current: WindowColumn,
  policy: DriftPolicy,
): MeasuredColumn {
  const stats = compareColumn(reference, current);
  const { statistic, threshold } = selectStatistic(feature, stats);
  const value = statisticValue(stats, statistic);
  const judged = stats.currentCount >= policy.minSampleSize && value !== null;
  const byPValue = pValueStatistics.has(statistic);
  return {
    verdict: {
      column: feature.name,
      kind: feature.kind,
      statistic,
      value: judged ? value : null,
      threshold,
      effect: judged ? (byPValue ? testEffect(statistic, stats, reference, current) : value) : null,
      referenceCount: stats.referenceCount,
      currentCount: stats.currentCount,
      newCategories: stats.kind === 'categorical' ? stats.newCategories : [],
      approximate: isApproximate(statistic, stats),
    },
    judged,
    byPValue,
  };
}

function judgeFeatures(measured: MeasuredColumn[], policy: DriftPolicy): ColumnVerdict[] {
  const tested = measured.filter((column) => column.judged && column.byPValue);
  const adjusted = adjustPValues(
    tested.map((column) => column.verdict.value!),
    policy.correction,
  );
  const adjustedByColumn = new Map(tested.map((column, i) => [column, adjusted[i]!]));
  return measured.map((column) =>
    judgeColumn(column, adjustedByColumn.get(column) ?? null, policy),
  );
}

function judgePrediction(
  spec: FeatureSpec,
  reference: ReferenceProfile,
  state: WindowState,
  policy: DriftPolicy,
): ColumnVerdict {
  if (reference.prediction === null || state.prediction === null) {
    throw new InvalidDriftInputError(
      `the model judges its prediction but the ${reference.prediction === null ? 'reference' : 'window'} holds none`,
    );
  }
  const measured = measureColumn(spec, reference.prediction, state.prediction, policy);
  return judgeColumn(measured, measured.byPValue ? measured.verdict.value : null, policy);
}

function judgeColumn(
  { verdict, judged, byPValue }: MeasuredColumn,
  adjustedPValue: number | null,
  policy: DriftPolicy,
): ColumnVerdict {
  if (!judged) return { ...verdict, adjustedPValue: null, status: 'insufficient_data' };
  const drift = byPValue
    ? adjustedPValue! < verdict.threshold &&
      verdict.effect !== null &&
      verdict.effect >= policy.effectSizeFloor
    : verdict.value! >= verdict.threshold;
  return { ...verdict, adjustedPValue, status: drift ? 'drift' : 'no_drift' };
}

// The effect that must accompany a significant test: KS D, the Jensen-Shannon distance behind a
// chi-square, and for Z the difference of the first category's shares.
function testEffect(
  statistic: StatisticName,
  stats: ColumnStatistics,
  reference: ColumnReference,
  current: WindowColumn,
): number | null {
  if (stats.kind === 'numeric') return stats.ks?.statistic ?? null;
  if (statistic === 'chi_square') return stats.js;
  return firstCategoryShareDifference(stats, reference, current);
}

function firstCategoryShareDifference(
  stats: CategoricalColumnStatistics,
  reference: ColumnReference,
  current: WindowColumn,
): number | null {
  const category = stats.categories[0];
  if (category === undefined || reference.kind !== 'categorical' || current.kind !== 'categorical')
    return null;
  return Math.abs(
    (reference.counts[category] ?? 0) / stats.referenceCount -
      (current.counts[category] ?? 0) / stats.currentCount,
  );
}

function isApproximate(statistic: StatisticName, stats: ColumnStatistics): boolean {
  if (stats.kind !== 'numeric') return false;
  if (statistic === 'ks') return stats.approximate.ks;
  if (statistic === 'wasserstein' || statistic === 'wasserstein_normed')
    return stats.approximate.wasserstein;
  return false;
}

function judgePerformance(
  spec: PerformanceSpec | undefined,
  reference: ReferenceProfile,
  state: WindowState,
  detector: PageHinkleyState | null,
): { verdict: PerformanceVerdict | null; pageHinkley: PageHinkleyState | null } {
  const baseline = reference.performance;
  if (!spec || !baseline) return { verdict: null, pageHinkley: detector };
  if (baseline.metric !== spec.metric) {
    throw new InvalidDriftInputError(
      `the reference measured ${baseline.metric} but the model judges ${spec.metric}`,
    );
  }
  const labelled = state.performance?.labelled ?? 0;
  const current =
    state.performance === null || labelled === 0
      ? null
      : spec.metric === 'accuracy'
        ? state.performance.correct / labelled
        : state.performance.absoluteErrorMicros / 1e6 / labelled;
  const verdict = { metric: spec.metric, reference: baseline.value, current, labelled };
  if (current === null || labelled < spec.minLabels) {
    return {
      verdict: { ...verdict, status: 'insufficient_data', changeDetected: false },
      pageHinkley: detector,
    };
  }
  const asError = (value: number) => (spec.metric === 'accuracy' ? 1 - value : value);
  const step = pageHinkleyStep(detector, asError(current), spec);
  const worse = asError(current) - asError(baseline.value) > spec.tolerance;
  return {
    verdict: {
      ...verdict,
      status: worse || step.alarm ? 'drift' : 'no_drift',
      changeDetected: step.alarm,
    },
    pageHinkley: step.state,
  };
}
