import type { SampleRow } from './drift-types';
import type { ModelSpec } from './model-spec';
import { featureValue } from './sample-row';

/** The value of the segment `<field>=__other__`, where rows with a value that was not admitted count. */
export const OTHER_SEGMENT_VALUE = '__other__';

/** Per segment field, the values that have windows of their own, in the order they were admitted. */
export type SegmentAdmission = ReadonlyMap<string, ReadonlySet<string>>;

/** A {@link SegmentAdmission} as JSON (drift.models.segment_values): values by field, in order of admission. */
export type StoredSegmentAdmission = Readonly<Record<string, readonly string[]>>;

/**
 * The admission after `rows`, read in row sequence order: each segment field admits its values at
 * their first arrival until it has `model.maxSegmentValues` of them, and never one after. The value
 * `__other__` itself is never admitted: it counts in `<field>=__other__` anyway. Values are compared
 * as their segment names do (the number 1 and the string "1" are one value). `admitted` is left as is.
 */
export function admitSegmentValues(
  admitted: SegmentAdmission,
  rows: Iterable<SampleRow>,
  model: ModelSpec,
): SegmentAdmission {
  const next = new Map([...admitted].map(([field, values]) => [field, new Set(values)]));
  for (const row of rows) {
    for (const field of model.segments) {
      const value = segmentValue(row, field);
      if (value === null || value === OTHER_SEGMENT_VALUE) continue;
      const values = next.get(field) ?? new Set<string>();
      next.set(field, values);
      if (values.size < model.maxSegmentValues) values.add(value);
    }
  }
  return next;
}

/**
 * The segments a row counts in: always '' (the whole model), and for each segment field the row has
 * a non-null value for, `<field>=<value>` when the value is admitted, else `<field>=__other__`.
 *
 * `admitted` must include the row (the admission after it) but may be any later one: a value is
 * admitted at its first arrival or never, so a later admission only adds values of later rows,
 * and the same rows in the same order always give the same segments. Ingestion relies on this
 * (one admission after a whole chunk of batches) and so does the window rebuild (the model's
 * stored, final admission).
 */
export function segmentsOf(row: SampleRow, model: ModelSpec, admitted: SegmentAdmission): string[] {
  const segments = [''];
  for (const field of model.segments) {
    const value = segmentValue(row, field);
    if (value === null) continue;
    const name = admitted.get(field)?.has(value) ? value : OTHER_SEGMENT_VALUE;
    segments.push(`${field}=${name}`);
  }
  return segments;
}

/** The admission as stored; entries keep their order. */
export function storedSegmentAdmission(admitted: SegmentAdmission): StoredSegmentAdmission {
  return Object.fromEntries([...admitted].map(([field, values]) => [field, [...values]]));
}

/** The admission a stored one stands for. */
export function segmentAdmissionOf(stored: StoredSegmentAdmission): SegmentAdmission {
  return new Map(Object.entries(stored).map(([field, values]) => [field, new Set(values)]));
}

function segmentValue(row: SampleRow, field: string): string | null {
  const value = featureValue(row, field);
  return value === null ? null : String(value);
}
