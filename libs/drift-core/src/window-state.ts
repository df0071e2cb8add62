import { createHash } from 'node:crypto';
import { canonicalJson, compareCodeUnits } from '@tenantry/common';
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
  const reader = new FeatureReader(model.features.map((spec) => spec.name));
  const batches = columnBatches(
    rows,
    model.features.map((spec) => ownColumn(state.features, spec.name)?.kind),
    (row, into) => reader.read(row, into),
  );
  const features = Object.fromEntries(
    model.features.map((spec, index) => {
      const field = `features.${spec.name}`;
      const column = ownColumn(state.features, spec.name);
      if (!column) throw new InvalidDriftInputError(`the window state has no ${field}`);
      const frozen = ownColumn(reference.features, spec.name);
      return [spec.name, foldColumn(column, batches[index]!, frozen, field)];
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
          columnBatches(rows, [state.prediction.kind], (row, into) => {
            into[0] = row.prediction ?? null;
          })[0]!,
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

/**
 * A column's values in a batch of rows, as its fold wants them: a numeric column's non-null values
 * as numbers, a categorical column's values of every row (null when missing).
 */
type ColumnBatch = NumericBatch | CategoricalBatch;
interface NumericBatch {
  kind: 'numeric';
  numbers: Float64Array;
  missing: number;
}
interface CategoricalBatch {
  kind: 'categorical';
  values: SampleValue[];
}

/**
 * The batches of columns of these kinds (categorical for a column the state lacks), which
 * `readRow` reads a row's values of, in order, into `into`. Reads row by row: reading column by
 * column walks all the rows once per column, which costs more than the rest of a fold.
 */
function columnBatches(
  rows: readonly SampleRow[],
  kinds: readonly (WindowColumn['kind'] | undefined)[],
  readRow: (row: SampleRow, into: SampleValue[]) => void,
): ColumnBatch[] {
  const numeric = kinds.map((kind) => kind === 'numeric');
  const numericColumns = indexesWhere(numeric, true);
  const otherColumns = indexesWhere(numeric, false);
  const numbers = numeric.map((isNumeric) => new Float64Array(isNumeric ? rows.length : 0));
  const kept = new Int32Array(kinds.length);
  const values = numeric.map((isNumeric) => new Array<SampleValue>(isNumeric ? 0 : rows.length));
  const rowValues = new Array<SampleValue>(kinds.length);
  for (let row = 0; row < rows.length; row++) {
    readRow(rows[row]!, rowValues);
    // Two loops rather than one asking each column's kind: these are a fold's hottest.
    for (let at = 0; at < numericColumns.length; at++) {
      const index = numericColumns[at]!;
      const value = rowValues[index]!;
      // -0 becomes 0, or which zero is the minimum would depend on the order of the rows.
      if (value !== null) numbers[index]![kept[index]!++] = (value as number) + 0;
    }
    for (let at = 0; at < otherColumns.length; at++) {
      const index = otherColumns[at]!;
      values[index]![row] = rowValues[index]!;
    }
  }
  return numeric.map((isNumeric, index) =>
    isNumeric
      ? {
          kind: 'numeric',
          numbers: numbers[index]!.subarray(0, kept[index]),
          missing: rows.length - kept[index]!,
        }
      : { kind: 'categorical', values: values[index]! },
  );
}

function indexesWhere(flags: readonly boolean[], wanted: boolean): number[] {
  return flags.flatMap((flag, index) => (flag === wanted ? [index] : []));
}

/**
 * Reads the named features of rows as {@link featureValue} does, but by position: rows usually
 * list their own keys in one order, so the positions of the names in the previous row's keys
 * serve again and a row costs one Object.values instead of a lookup per name.
 */
class FeatureReader {
  private keys: readonly string[] = [];
  // Each name's index in `keys`, -1 when it is not an own enumerable key there.
  private positions: Int32Array;

  constructor(private readonly names: readonly string[]) {
    this.positions = new Int32Array(names.length).fill(-1);
  }

  /** Writes the row's value of each name to `into`, in the order of the names. */
  read(row: SampleRow, into: SampleValue[]): void {
    const keys = Object.keys(row.features);
    if (!sameKeys(keys, this.keys)) this.learn(keys);
    // Object.values lists the values of the keys Object.keys lists, in the same order.
    const values = Object.values(row.features);
    for (let index = 0; index < this.names.length; index++) {
      const position = this.positions[index]!;
      // A name that is no own enumerable key may still be a non-enumerable own property.
      into[index] =
        position < 0 ? featureValue(row, this.names[index]!) : (values[position] ?? null);
    }
  }

  private learn(keys: readonly string[]): void {
    const positionOf = new Map(keys.map((key, position) => [key, position]));
    this.keys = keys;
    this.names.forEach((name, index) => (this.positions[index] = positionOf.get(name) ?? -1));
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
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
  batch: ColumnBatch,
  reference: ColumnReference | undefined,
  field: string,
): WindowColumn {
  const frozen = requireReference(reference, column.kind, field);
  // columnBatches gives a batch the kind of its column.
  return column.kind === 'numeric' && frozen.kind === 'numeric' && batch.kind === 'numeric'
    ? foldNumeric(column, batch, frozen.innerEdges, field)
    : foldCategorical(column as CategoricalWindowColumn, batch as CategoricalBatch);
}

function foldNumeric(
  column: NumericWindowColumn,
  { numbers, missing }: NumericBatch,
  innerEdges: readonly number[],
  field: string,
): NumericWindowColumn {
  if (innerEdges.length + 1 !== column.binCounts.length) {
    throw new InvalidDriftInputError(
      `${field} has ${column.binCounts.length} bins, its reference ${innerEdges.length + 1}`,
    );
  }
  if (numbers.length === 0) return { ...column, missing: column.missing + missing };
  // binCounts first: it refuses a value that is not a finite number.
  const batchBins = binCounts(numbers, [-Infinity, ...innerEdges, Infinity]);
  const total = column.count + numbers.length;
  let min = column.min ?? Infinity;
  let max = column.max ?? -Infinity;
  for (let index = 0; index < numbers.length; index++) {
    const number = numbers[index]!;
    if (number < min) min = number;
    if (number > max) max = number;
  }
  return {
    kind: 'numeric',
    count: total,
    missing: column.missing + missing,
    binCounts: column.binCounts.map((binCount, index) => binCount + batchBins[index]!),
    min,
    max,
    values:
      column.values !== null && total <= EXACT_WINDOW_LIMIT
        ? mergedSorted(column.values, numbers.sort())
        : null,
    sketch: addToSketch(column.sketch, numbers),
  };
}

function foldCategorical(
  column: CategoricalWindowColumn,
  { values }: CategoricalBatch,
): CategoricalWindowColumn {
  const counts = new Map(Object.entries(column.counts));
  let count = 0;
  for (const value of values) {
    if (value === null) continue;
    const category = String(value);
    counts.set(category, (counts.get(category) ?? 0) + 1);
    count++;
  }
  return {
    kind: 'categorical',
    count: column.count + count,
    missing: column.missing + values.length - count,
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
  return Object.fromEntries([...counts].sort(([a], [b]) => compareCodeUnits(a, b)));
}
