import type { ChiSquareTestResult } from './chi-square';
import type { KsTestResult } from './ks';
import type { StatisticName } from './model-spec';
import type { ZTestResult } from './two-proportion-z';

// The row shape is part of the drift.samples contract, so libs/schemas owns it.
export type { SampleRow, SampleValue } from '@tenantry/schemas';

/** A deterministic, mergeable quantile sketch (DDSketch) as stored: base64 protobuf plus its exact count. */
export interface SerializedSketch {
  relativeAccuracy: number;
  count: number;
  proto: string;
}

/** What a reference froze of a numeric column. */
export interface NumericReference {
  kind: 'numeric';
  /** Non-missing values. */
  count: number;
  missing: number;
  /** Inner quantile bin edges, ascending; the outer edges are -Infinity and Infinity, which JSON cannot hold. */
  innerEdges: number[];
  binCounts: number[];
  mean: number;
  /** Population standard deviation (ddof 0), the normaliser of normed Wasserstein. */
  std: number;
  min: number;
  max: number;
  /** Every value in ascending order when count ≤ the model's referenceSampleLimit; null beyond. */
  sample: number[] | null;
  /** Always present; the only source of KS and Wasserstein when `sample` is null. */
  sketch: SerializedSketch;
}

/** What a reference froze of a categorical column. */
export interface CategoricalReference {
  kind: 'categorical';
  count: number;
  missing: number;
  counts: Record<string, number>;
}

/** A frozen column of a reference. */
export type ColumnReference = NumericReference | CategoricalReference;

/** A reference dataset as frozen by fitting: everything a window is compared with, and nothing else. */
export interface ReferenceProfile {
  rows: number;
  features: Record<string, ColumnReference>;
  prediction: ColumnReference | null;
  /** Accuracy or MAE of the reference rows that carry a label and a prediction; null without labels. */
  performance: { metric: 'accuracy' | 'mae'; value: number; labelled: number } | null;
}

/** Window state of a numeric column; merging two of them gives the state of their union. */
export interface NumericWindowColumn {
  kind: 'numeric';
  count: number;
  missing: number;
  /** Counts in the reference's bins. */
  binCounts: number[];
  min: number | null;
  max: number | null;
  /** Every value in ascending order while count ≤ EXACT_WINDOW_LIMIT; null once the window outgrows it. */
  values: number[] | null;
  sketch: SerializedSketch;
}

/** Window state of a categorical column. */
export interface CategoricalWindowColumn {
  kind: 'categorical';
  count: number;
  missing: number;
  counts: Record<string, number>;
}

/** Window state of one column. */
export type WindowColumn = NumericWindowColumn | CategoricalWindowColumn;

/**
 * The state of one window of one model and segment: small, and mergeable (bin counts, category counts,
 * sketches, integer sums), so any split of the rows over batches and instances gives the same state.
 */
export interface WindowState {
  rows: number;
  features: Record<string, WindowColumn>;
  prediction: WindowColumn | null;
  /**
   * Labelled rows with a prediction: `correct` counts hits (accuracy); `absoluteErrorMicros` sums
   * round(|prediction - label| × 1e6) as an integer, so that MAE does not depend on summation order.
   */
  performance: { labelled: number; correct: number; absoluteErrorMicros: number } | null;
}

/** Every statistic of a numeric column of a window against its reference (compareColumn). */
export interface NumericColumnStatistics {
  kind: 'numeric';
  referenceCount: number;
  currentCount: number;
  /** Null when the window has no values. */
  ks: KsTestResult | null;
  psi: number | null;
  kl: number | null;
  js: number | null;
  wasserstein: number | null;
  /** Null for a constant reference or an empty window. */
  wassersteinNormed: number | null;
  /** Which statistics came from a sketch instead of exact samples. */
  approximate: { ks: boolean; wasserstein: boolean };
}

/** Every statistic of a categorical column of a window against its reference (compareColumn). */
export interface CategoricalColumnStatistics {
  kind: 'categorical';
  referenceCount: number;
  currentCount: number;
  categories: string[];
  newCategories: string[];
  psi: number | null;
  kl: number | null;
  js: number | null;
  chiSquare: ChiSquareTestResult | null;
  /** Two-proportion Z on the first category, for exactly two categories. */
  z: ZTestResult | null;
}

/** Every statistic of one column of a window against its reference. */
export type ColumnStatistics = NumericColumnStatistics | CategoricalColumnStatistics;

/** How one column of one window was judged. */
export interface ColumnVerdict {
  column: string;
  kind: 'numeric' | 'categorical';
  statistic: StatisticName;
  /** The statistic's value: a p-value for ks/chi_square/z, else the distance. Null with insufficient data. */
  value: number | null;
  /** p-value after multiple-testing correction (equal to value without correction); null for distances. */
  adjustedPValue: number | null;
  threshold: number;
  /** Effect size used for the floor and for ranking (KS D, JS distance, |p1 - p2|, or the distance itself). */
  effect: number | null;
  status: 'drift' | 'no_drift' | 'insufficient_data';
  referenceCount: number;
  currentCount: number;
  /** Categories of the window the reference never saw: always reported, drift or not. */
  newCategories: string[];
  /** True when the statistic came from a sketch rather than exact samples (see README for the error). */
  approximate: boolean;
}

/** The performance of a window against the reference's. */
export interface PerformanceVerdict {
  metric: 'accuracy' | 'mae';
  reference: number;
  current: number | null;
  labelled: number;
  status: 'drift' | 'no_drift' | 'insufficient_data';
  /** Page-Hinkley alarm on the sequence of window errors. */
  changeDetected: boolean;
}

/** Everything decided about one closed window. */
export interface WindowVerdict {
  features: ColumnVerdict[];
  prediction: ColumnVerdict | null;
  performance: PerformanceVerdict | null;
  /** Drifted features / features with a verdict; null when none had enough data. */
  driftedShare: number | null;
  datasetDrift: boolean;
  /** 'drift' when any feature, the prediction or the performance drifted; 'insufficient_data' when nothing could be judged. */
  status: 'drift' | 'no_drift' | 'insufficient_data';
  /** critical: dataset drift or performance drift; warning: any other drift; null without drift. */
  severity: 'warning' | 'critical' | null;
  /** Drifted columns by effect, largest first, at most five. */
  topFeatures: ColumnVerdict[];
}

/** Page-Hinkley detector state over window errors (mergeable over time only: it is fed windows in order). */
export interface PageHinkleyState {
  n: number;
  mean: number;
  cumulative: number;
  minimum: number;
}

/** Hysteresis state of one model and segment, carried from window to window. */
export interface DriftStatus {
  state: 'ok' | 'drifting';
  drifting: number;
  clean: number;
  /** Window end of the drift.detected that opened the current drift. */
  since: string | null;
  lastRetrainRequestedAt: string | null;
  pageHinkley: PageHinkleyState | null;
}
