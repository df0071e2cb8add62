import { createHash } from 'node:crypto';
import { canonicalJson } from '@tenantry/metering-core';
import { binCounts } from './binning';
import type {
  CategoricalWindowColumn,
  ColumnReference,
  NumericWindowColumn,
  ReferenceProfile,
  SampleRow,
  SampleValue,
  WindowColumn,
  WindowState,
} from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { FeatureSpec, ModelSpec } from './model-spec';
import { featureValue } from './sample-row';
import { addToSketch, mergeSketches, sketchOf } from './value-sketch';

/** Numeric values a window keeps exactly (for exact KS and Wasserstein); beyond, only its sketch. */
export const EXACT_WINDOW_LIMIT = 1000;

type ValueOf = (row: SampleRow) => SampleValue;

/** The state of a window before its first row: the reference's bins, nothing counted. */
export function emptyWindowState(model: ModelSpec, reference: ReferenceProfile): WindowState {
  return {
    rows: 0,
    features: Object.fromEntries(
      model.features.map((spec) => [
        spec.name,
        emptyColumn(spec, ownColumn(reference.features, spec.name), `features.${spec.name}`),
      ]),
    ),
    prediction: model.prediction
      ? emptyColumn(model.prediction, reference.prediction ?? undefined, 'prediction')
      : null,
    performance: model.performance ? { labelled: 0, correct: 0, absoluteErrorMicros: 0 } : null,
  };
}

/**
 * The state after also counting `rows` (rows the model can use, see rowProblems): a new state,
 * equal to the one any other split of the same rows into batches, in any order, ends with.
 */
export function foldRows(
  state: WindowState,
  rows: readonly SampleRow[],
  model: ModelSpec,
  reference: ReferenceProfile,
): WindowState {
  if (rows.length === 0) return state;
  const features = Object.fromEntries(
    model.features.map((spec) => {
      const field = `features.${spec.name}`;
      const column = ownColumn(state.features, spec.name);
      if (!column) throw new InvalidDriftInputError(`the window state has no ${field}`);
      const valueOf = (row: SampleRow) => featureValue(row, spec.name);
      const frozen = ownColumn(reference.features, spec.name);
      return [spec.name, foldColumn(column, rows, valueOf, frozen, field)];
    }),
  );
  if ((model.prediction !== undefined) !== (state.prediction !== null)) {
    throw new InvalidDriftInputError('the window state and the model disagree on a prediction');
  }
  if ((model.performance !== undefined) !== (state.performance !== null)) {
    throw new InvalidDriftInputError('the window state and the model disagree on performance');
  }
  return {
    rows: state.rows + rows.length,
    features,
    prediction: state.prediction
      ? foldColumn(
          state.prediction,
          rows,
          (row) => row.prediction ?? null,
          reference.prediction ?? undefined,
          'prediction',
        )
      : null,
    performance:
      model.performance && state.performance
        ? foldPerformance(state.performance, rows, model.performance.metric)
        : null,
  };
}

/** The state of the union of two windows' rows (of the same model and reference). */
export function mergeWindowStates(a: WindowState, b: WindowState): WindowState {
  const names = Object.keys(a.features);
  if (
    names.length !== Object.keys(b.features).length ||
    !names.every((name) => Object.hasOwn(b.features, name))
  ) {
    throw new InvalidDriftInputError('window states of different features cannot be merged');
  }
  if (
    (a.prediction === null) !== (b.prediction === null) ||
    (a.performance === null) !== (b.performance === null)
  ) {
    throw new InvalidDriftInputError(
      'window states with and without prediction or performance cannot be merged',
    );
  }
  return {
    rows: a.rows + b.rows,
    features: Object.fromEntries(
      names.map((name) => [
        name,
        mergedColumns(a.features[name]!, b.features[name]!, `features.${name}`),
      ]),
    ),
    prediction:
      a.prediction && b.prediction ? mergedColumns(a.prediction, b.prediction, 'prediction') : null,
    performance:
      a.performance && b.performance
        ? {
            labelled: a.performance.labelled + b.performance.labelled,
            correct: a.performance.correct + b.performance.correct,
            absoluteErrorMicros:
              a.performance.absoluteErrorMicros + b.performance.absoluteErrorMicros,
          }
        : null,
  };
}

/** SHA-256 (hex) of the state's canonical JSON: equal exactly when the states are. */
export function windowStateChecksum(state: WindowState): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

function emptyColumn(
  spec: FeatureSpec,
  reference: ColumnReference | undefined,
  field: string,
): WindowColumn {
  const frozen = requireReference(reference, spec.kind, field);
  return frozen.kind === 'numeric'
    ? {
        kind: 'numeric',
        count: 0,
        missing: 0,
        binCounts: new Array<number>(frozen.innerEdges.length + 1).fill(0),
        min: null,
        max: null,
        values: [],
        sketch: sketchOf([]),
      }
    : { kind: 'categorical', count: 0, missing: 0, counts: {} };
}

function foldColumn(
  column: WindowColumn,
  rows: readonly SampleRow[],
  valueOf: ValueOf,
  reference: ColumnReference | undefined,
  field: string,
): WindowColumn {
  const frozen = requireReference(reference, column.kind, field);
  return column.kind === 'numeric' && frozen.kind === 'numeric'
    ? foldNumeric(column, rows, valueOf, frozen.innerEdges, field)
    : foldCategorical(column as CategoricalWindowColumn, rows, valueOf);
}

function foldNumeric(
  column: NumericWindowColumn,
  rows: readonly SampleRow[],
  valueOf: ValueOf,
  innerEdges: readonly number[],
  field: string,
): NumericWindowColumn {
  if (innerEdges.length + 1 !== column.binCounts.length) {
    throw new InvalidDriftInputError(
      `${field} has ${column.binCounts.length} bins, its reference ${innerEdges.length + 1}`,
    );
  }
  const added = new Float64Array(rows.length);
  let count = 0;
  let min = column.min ?? Infinity;
  let max = column.max ?? -Infinity;
  for (const row of rows) {
    const value = valueOf(row);
    if (value === null) continue;
    // -0 becomes 0, or which zero is the minimum would depend on the order of the rows.
    const number = (value as number) + 0;
    added[count++] = number;
    if (number < min) min = number;
    if (number > max) max = number;
  }
  if (count === 0) return { ...column, missing: column.missing + rows.length };
  const batch = added.subarray(0, count);
  const batchBins = binCounts(batch, [-Infinity, ...innerEdges, Infinity]);
  const total = column.count + count;
  return {
    kind: 'numeric',
    count: total,
    missing: column.missing + rows.length - count,
    binCounts: column.binCounts.map((binCount, index) => binCount + batchBins[index]!),
    min,
    max,
    values:
      column.values !== null && total <= EXACT_WINDOW_LIMIT
        ? mergedSorted(column.values, batch.sort())
        : null,
    sketch: addToSketch(column.sketch, batch),
  };
}

function foldCategorical(
  column: CategoricalWindowColumn,
  rows: readonly SampleRow[],
  valueOf: ValueOf,
): CategoricalWindowColumn {
  const counts = new Map(Object.entries(column.counts));
  let count = 0;
  for (const row of rows) {
    const value = valueOf(row);
    if (value === null) continue;
    const category = String(value);
    counts.set(category, (counts.get(category) ?? 0) + 1);
    count++;
  }
  return {
    kind: 'categorical',
    count: column.count + count,
    missing: column.missing + rows.length - count,
    counts: sortedRecord(counts),
  };
}

function foldPerformance(
  performance: NonNullable<WindowState['performance']>,
  rows: readonly SampleRow[],
  metric: 'accuracy' | 'mae',
): NonNullable<WindowState['performance']> {
  let { labelled, correct, absoluteErrorMicros } = performance;
  for (const row of rows) {
    const predicted = row.prediction ?? null;
    const label = row.label ?? null;
    if (predicted === null || label === null) continue;
    labelled++;
    if (metric === 'accuracy') {
      if (String(predicted) === String(label)) correct++;
    } else {
      // Integers add exactly while the sum stays below 2^53 (absolute errors adding up to 9e9),
      // so it does not depend on the order of the rows as a float sum would.
      absoluteErrorMicros += Math.round(Math.abs(Number(predicted) - Number(label)) * 1e6);
    }
  }
  return { labelled, correct, absoluteErrorMicros };
}

function mergedColumns(a: WindowColumn, b: WindowColumn, field: string): WindowColumn {
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    if (a.binCounts.length !== b.binCounts.length) {
      throw new InvalidDriftInputError(
        `${field} has ${a.binCounts.length} bins in one state, ${b.binCounts.length} in the other`,
      );
    }
    const count = a.count + b.count;
    return {
      kind: 'numeric',
      count,
      missing: a.missing + b.missing,
      binCounts: a.binCounts.map((binCount, index) => binCount + b.binCounts[index]!),
      min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
      max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
      values:
        a.values !== null && b.values !== null && count <= EXACT_WINDOW_LIMIT
          ? mergedSorted(a.values, b.values)
          : null,
      sketch: mergeSketches(a.sketch, b.sketch),
    };
  }
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const counts = new Map(Object.entries(a.counts));
    for (const [category, count] of Object.entries(b.counts)) {
      counts.set(category, (counts.get(category) ?? 0) + count);
    }
    return {
      kind: 'categorical',
      count: a.count + b.count,
      missing: a.missing + b.missing,
      counts: sortedRecord(counts),
    };
  }
  throw new InvalidDriftInputError(`${field} is ${a.kind} in one state, ${b.kind} in the other`);
}

// Own properties only: a feature may be called "constructor" or "__proto__".
function ownColumn<Column>(
  columns: Readonly<Record<string, Column>>,
  name: string,
): Column | undefined {
  return Object.hasOwn(columns, name) ? columns[name] : undefined;
}

function requireReference(
  reference: ColumnReference | undefined,
  kind: FeatureSpec['kind'],
  field: string,
): ColumnReference {
  if (reference?.kind !== kind)
    throw new InvalidDriftInputError(`the reference has no ${kind} ${field}`);
  return reference;
}

function mergedSorted(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const merged = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    merged[k] = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
  }
  return merged;
}

// Keys in one order whatever order the categories came in (integer-like keys aside, which
// objects always list first).
function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
