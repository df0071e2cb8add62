import {
  columnHistogram,
  columnOf,
  compareColumn,
  type ColumnReference,
  type ColumnVerdict,
  type ModelSpec,
  type ReferenceProfile,
  type WindowColumn,
} from '@tenantry/drift-core';
import { z } from 'zod';
import {
  columnHistogramSchema,
  columnStatisticsSchema,
  columnVerdictSchema,
} from '../drift-core-schemas';
import { nullableUnion } from '../nullable-union';
import { instantSchema } from '../row-columns';
import type { DriftWindow } from './drift-window';
import { storedVerdictSchema } from './stored-verdict';

const columnCountsSchema = z.object({
  count: z.int().describe('non-missing values'),
  missing: z.int(),
});

/** One column of a window against its reference: how it was judged, both distributions, every statistic. */
const columnReportSchema = z.object({
  column: z.string(),
  role: z.enum(['feature', 'prediction']),
  kind: z.enum(['numeric', 'categorical']),
  verdict: columnVerdictSchema.nullable().describe('null while the window is open'),
  reference: columnCountsSchema,
  current: columnCountsSchema,
  histogram: columnHistogramSchema,
  statistics: columnStatisticsSchema,
});

/** One column of a window against its reference. */
export type ColumnReport = z.output<typeof columnReportSchema>;

/** Everything about one window of one model and segment against its reference. */
export const windowReportSchema = z.object({
  modelKey: z.string(),
  segment: z.string(),
  windowIndex: z.int(),
  windowStart: instantSchema,
  windowEnd: instantSchema,
  referenceVersion: z.int(),
  closedAt: instantSchema.nullable(),
  revisedAt: instantSchema.nullable(),
  rows: z.object({ reference: z.int(), current: z.int() }),
  verdict: nullableUnion(storedVerdictSchema).describe(
    'null while the window is open; status error when it could not be judged',
  ),
  columns: z
    .array(columnReportSchema)
    .describe(
      "the features in the model's order, then the prediction; none when the window could not " +
        'be judged, since comparing its columns is what failed',
    ),
});

/** Everything about one window of one model and segment against its reference. */
export type WindowReport = z.output<typeof windowReportSchema>;

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
