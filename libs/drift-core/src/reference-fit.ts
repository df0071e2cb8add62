import { compareCodeUnits } from '@tenantry/common';
import { binCounts, quantileEdgesOfSorted } from './binning';
import type {
  CategoricalReference,
  ColumnReference,
  NumericReference,
  ReferenceProfile,
  SampleRow,
  SampleValue,
} from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { FeatureSpec, ModelSpec } from './model-spec';
import { featureValue, rowProblems } from './sample-row';
import { sortedSample } from './sorted-sample';
import { sketchOf } from './value-sketch';
import { populationStandardDeviation } from './wasserstein';

// Quantile bins of a numeric column that names no `bins`.
const DEFAULT_BINS = 10;

// Enough unusable rows to see the pattern; the rest are counted.
const LISTED_ROW_PROBLEMS = 20;

interface ColumnValues {
  field: string;
  spec: FeatureSpec;
  numbers: number[];
  categories: Map<string, number>;
  missing: number;
}

/**
 * Freezes what windows are compared with from reference rows: per feature (and prediction)
 * quantile bins and their counts, moments, the exact sample up to the model's
 * referenceSampleLimit, a sketch, category counts; and the reference performance when the model
 * judges one and rows carry labels. Refuses, listing every problem: no rows, rows the model
 * cannot use (the first 20, by index), and a column without any value.
 */
export function fitReference(rows: Iterable<SampleRow>, model: ModelSpec): ReferenceProfile {
  const fit = referenceFit(model);
  for (const row of rows) fit.add(row);
  return fit.finish();
}

/** {@link fitReference} one row at a time, for rows that arrive as a stream. */
export interface ReferenceFit {
  add(row: SampleRow): void;
  finish(): ReferenceProfile;
}

/**
 * A reference fit that keeps only what the profile needs (the numbers of numeric columns, the
 * counts of categories), not the rows: memory grows by 8 bytes per numeric value.
 */
export function referenceFit(model: ModelSpec): ReferenceFit {
  const columns = model.features.map((spec) => emptyColumn(`features.${spec.name}`, spec));
  const prediction = model.prediction ? emptyColumn('prediction', model.prediction) : null;
  const problems: string[] = [];
  let rowCount = 0;
  let unusable = 0;
  let labelled = 0;
  let correct = 0;
  let absoluteError = 0;
  const add = (row: SampleRow): void => {
    const index = rowCount++;
    const rowIssues = rowProblems(row, model);
    if (rowIssues.length > 0) {
      if (unusable++ < LISTED_ROW_PROBLEMS) {
        problems.push(`rows[${index}]: ${rowIssues.join(', ')}`);
      }
      return;
    }
    columns.forEach((column) => collect(column, featureValue(row, column.spec.name)));
    if (prediction) collect(prediction, row.prediction ?? null);
    const [predicted, label] = [row.prediction ?? null, row.label ?? null];
    if (model.performance && predicted !== null && label !== null) {
      labelled++;
      if (model.performance.metric === 'mae') {
        absoluteError += Math.abs(Number(predicted) - Number(label));
      } else if (String(predicted) === String(label)) {
        correct++;
      }
    }
  };
  const finish = (): ReferenceProfile => {
    if (rowCount === 0) problems.push('there are no rows');
    if (unusable > LISTED_ROW_PROBLEMS) {
      problems.push(`${unusable - LISTED_ROW_PROBLEMS} more rows cannot be used`);
    }
    const usable = rowCount - unusable;
    for (const column of prediction ? [...columns, prediction] : columns) {
      if (usable > 0 && column.missing === usable) {
        problems.push(`${column.field} has no value in any usable row`);
      }
    }
    if (problems.length > 0) throw new InvalidDriftInputError(problems.join('; '));
    return {
      rows: rowCount,
      features: Object.fromEntries(
        columns.map((column) => [column.spec.name, frozen(column, model)]),
      ),
      prediction: prediction ? frozen(prediction, model) : null,
      performance:
        model.performance && labelled > 0
          ? {
              metric: model.performance.metric,
              value: (model.performance.metric === 'accuracy' ? correct : absoluteError) / labelled,
              labelled,
            }
          : null,
    };
  };
  return { add, finish };
}

function emptyColumn(field: string, spec: FeatureSpec): ColumnValues {
  return { field, spec, numbers: [], categories: new Map(), missing: 0 };
}

function collect(column: ColumnValues, value: SampleValue): void {
  if (value === null) column.missing++;
  // -0 becomes 0: both are the same value to every statistic, and JSON cannot tell them apart.
  else if (column.spec.kind === 'numeric') column.numbers.push((value as number) + 0);
  else column.categories.set(String(value), (column.categories.get(String(value)) ?? 0) + 1);
}

function frozen(column: ColumnValues, model: ModelSpec): ColumnReference {
  return column.spec.kind === 'numeric'
    ? numericReference(column, column.spec.bins ?? DEFAULT_BINS, model.referenceSampleLimit)
    : categoricalReference(column);
}

function numericReference(
  column: ColumnValues,
  bins: number,
  sampleLimit: number,
): NumericReference {
  const sorted = sortedSample(column.numbers, column.field);
  const edges = quantileEdgesOfSorted(sorted, bins);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    kind: 'numeric',
    count: sorted.length,
    missing: column.missing,
    innerEdges: edges.slice(1, -1),
    binCounts: binCounts(sorted, edges),
    mean: sum / sorted.length,
    std: populationStandardDeviation(sorted),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    sample: sorted.length <= sampleLimit ? Array.from(sorted) : null,
    sketch: sketchOf(sorted),
  };
}

function categoricalReference(column: ColumnValues): CategoricalReference {
  const entries = [...column.categories].sort(([a], [b]) => compareCodeUnits(a, b));
  return {
    kind: 'categorical',
    count: entries.reduce((total, [, count]) => total + count, 0),
    missing: column.missing,
    counts: Object.fromEntries(entries),
  };
}
