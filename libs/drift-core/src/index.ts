export { binCounts, categoryCounts, MAX_BINS, quantileEdges } from './binning';
export {
  categoricalDrift,
  type CategoricalDriftInput,
  type CategoricalDriftStatistics,
  type CategoryCounts,
} from './categorical-drift';
export { chiSquareSurvival, chiSquareTest, type ChiSquareTestResult } from './chi-square';
export {
  driftCaseStatistics,
  parseDriftCase,
  type CategoricalCaseStatistics,
  type DriftCase,
  type NumericCaseStatistics,
} from './drift-case';
export { InvalidDriftInputError } from './invalid-drift-input.error';
export { jensenShannonDistance } from './jensen-shannon';
export { kullbackLeiblerDivergence } from './kl';
export { kolmogorovSmirnovSurvival } from './kolmogorov-distribution';
export { kolmogorovSmirnovTest, MAX_EXACT_KS_SAMPLE, type KsTestResult } from './ks';
export { exactKsTwoSidedPValue } from './ks-exact';
export { numericDrift, type NumericDriftInput, type NumericDriftStatistics } from './numeric-drift';
export { flooredProportions, proportions, ZERO_PROPORTION_FLOOR } from './proportions';
export { populationStabilityIndex } from './psi';
export { smirnovSurvival } from './smirnov-distribution';
export { twoProportionZTest, type ProportionCount, type ZTestResult } from './two-proportion-z';
export { normedWassersteinDistance, wassersteinDistance } from './wasserstein';
