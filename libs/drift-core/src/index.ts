export { binCounts, categoryCounts, MAX_BINS, quantileEdges } from './binning';
export {
  categoricalDrift,
  type CategoricalDriftInput,
  type CategoricalDriftStatistics,
  type CategoryCounts,
} from './categorical-drift';
export {
  compareChampionChallenger,
  type ChampionChallengerComparison,
} from './champion-challenger';
export { chiSquareSurvival, chiSquareTest, type ChiSquareTestResult } from './chi-square';
export { compareColumn } from './column-comparison';
export {
  columnHistogram,
  type CategoryShare,
  type ColumnHistogram,
  type HistogramBin,
} from './column-histogram';
export {
  driftCaseStatistics,
  parseDriftCase,
  type CategoricalCaseStatistics,
  type DriftCase,
  type NumericCaseStatistics,
} from './drift-case';
export {
  advanceDriftStatus,
  initialDriftStatus,
  movesHysteresis,
  type DriftStatusStep,
  type WindowJudgementOrder,
} from './drift-status';
export type {
  CategoricalColumnStatistics,
  CategoricalReference,
  CategoricalWindowColumn,
  ColumnReference,
  ColumnStatistics,
  ColumnVerdict,
  DriftStatus,
  NumericColumnStatistics,
  NumericReference,
  NumericWindowColumn,
  PageHinkleyState,
  PerformanceVerdict,
  ReferenceProfile,
  SampleRow,
  SampleValue,
  SerializedSketch,
  WindowColumn,
  WindowState,
  WindowVerdict,
} from './drift-types';
export { InvalidDriftInputError } from './invalid-drift-input.error';
export { jensenShannonDistance } from './jensen-shannon';
export { kullbackLeiblerDivergence } from './kl';
export { kolmogorovSmirnovSurvival } from './kolmogorov-distribution';
export { kolmogorovSmirnovTest, MAX_EXACT_KS_SAMPLE, type KsTestResult } from './ks';
export { exactKsTwoSidedPValue } from './ks-exact';
export {
  defaultThresholds,
  driftPolicySchema,
  featureSpecSchema,
  modelSpecSchema,
  performanceSpecSchema,
  pValueStatistics,
  statisticNames,
  windowSpecSchema,
  type DriftPolicy,
  type FeatureSpec,
  type ModelSpec,
  type PerformanceSpec,
  type StatisticName,
  type WindowSpec,
} from './model-spec';
export { columnOf } from './model-column';
export { adjustPValues, type PValueCorrection } from './multiple-testing';
export { numericDrift, type NumericDriftInput, type NumericDriftStatistics } from './numeric-drift';
export { pageHinkley, type PageHinkleyOptions, type PageHinkleyStep } from './page-hinkley';
export { flooredProportions, proportions, ZERO_PROPORTION_FLOOR } from './proportions';
export { populationStabilityIndex } from './psi';
export { fitReference, referenceFit, type ReferenceFit } from './reference-fit';
export { featureValue, rowProblems } from './sample-row';
export {
  admitSegmentValues,
  OTHER_SEGMENT_VALUE,
  segmentAdmissionOf,
  segmentsOf,
  storedSegmentAdmission,
  type SegmentAdmission,
  type StoredSegmentAdmission,
} from './segment-admission';
export { smirnovSurvival } from './smirnov-distribution';
export { selectStatistic, statisticValue, type SelectedStatistic } from './statistic-selection';
export { twoProportionZTest, type ProportionCount, type ZTestResult } from './two-proportion-z';
export {
  addToSketch,
  mergeSketches,
  SKETCH_RELATIVE_ACCURACY,
  sketchBuckets,
  sketchOf,
  sketchQuantile,
  type SketchBucket,
} from './value-sketch';
export { normedWassersteinDistance, wassersteinDistance } from './wasserstein';
export {
  evaluateWindow,
  type WindowEvaluation,
  type WindowEvaluationInput,
} from './window-evaluation';
export {
  countWindowIndex,
  timeWindowBounds,
  timeWindowIndex,
  type CountWindowSpec,
  type TimeWindowSpec,
} from './window-index';
export {
  EXACT_WINDOW_LIMIT,
  emptyWindowState,
  foldRows,
  mergeWindowStates,
  windowStateChecksum,
} from './window-state';
