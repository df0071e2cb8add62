import {
  columnHistogram,
  columnOf,
  compareColumn,
  type ColumnHistogram,
  type ColumnReference,
  type ColumnStatistics,
  type ColumnVerdict,
  type ModelSpec,
  type ReferenceProfile,
  type WindowColumn,
  type WindowVerdict,
} from '@tenantry/drift-core';
import type { DriftWindow } from './drift-window';
import type { FailedVerdict } from './stored-verdict';

/** Non-missing and missing values of one side of a column. */
export interface ColumnCounts {
  count: number;
  missing: number;
}

/** One column of a window against its reference: how it was judged, both distributions, every statistic. */
export interface ColumnReport {
  column: string;
  role: 'feature' | 'prediction';
  kind: 'numeric' | 'categorical';
  /** Null while the window is open. */
  verdict: ColumnVerdict | null;
  reference: ColumnCounts;
  current: ColumnCounts;
  histogram: ColumnHistogram;
  statistics: ColumnStatistics;
}

/** Everything about one window of one model and segment against its reference. */
export interface WindowReport {
  modelKey: string;
  segment: string;
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  referenceVersion: number;
  closedAt: Date | null;
  revisedAt: Date | null;
  rows: { reference: number; current: number };
  /** Null while the window is open; the error when it could not be judged. */
  verdict: WindowVerdict | FailedVerdict | null;
  /**
   * The features in the model's order, then the prediction; none when the window could not be
   * judged, since comparing its columns with the reference is what failed.
   */
  columns: ColumnReport[];
}

/** The report of a window: its verdict, and per column both histograms and the statistics behind the verdict. */
export function windowReport(
  model: ModelSpec,
  reference: ReferenceProfile,
  window: DriftWindow,
): WindowReport {
  const { verdict, state } = window;
  const report = {
    modelKey: window.modelKey,
    segment: window.segment,
    windowIndex: window.windowIndex,
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    referenceVersion: window.referenceVersion,
    closedAt: window.closedAt,
    revisedAt: window.revisedAt,
    rows: { reference: reference.rows, current: state.rows },
  };
  if (verdict?.status === 'error') return { ...report, verdict, columns: [] };
  const columns: ColumnReport[] = model.features.map((feature) =>
    columnReport(
      feature.name,
      'feature',
      columnOf(reference.features, feature.name, 'reference'),
      columnOf(state.features, feature.name, 'window'),
      verdict?.features.find((column) => column.column === feature.name) ?? null,
    ),
  );
  if (model.prediction && reference.prediction && state.prediction) {
    columns.push(
      columnReport(
        model.prediction.name,
        'prediction',
        reference.prediction,
        state.prediction,
        verdict?.prediction ?? null,
      ),
    );
  }
  return { ...report, verdict, columns };
}

function columnReport(
  column: string,
  role: ColumnReport['role'],
  reference: ColumnReference,
  current: WindowColumn,
  verdict: ColumnVerdict | null,
): ColumnReport {
  return {
    column,
    role,
    kind: reference.kind,
    verdict,
    reference: { count: reference.count, missing: reference.missing },
    current: { count: current.count, missing: current.missing },
    histogram: columnHistogram(reference, current),
    statistics: compareColumn(reference, current),
  };
}
