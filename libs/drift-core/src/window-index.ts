import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { WindowSpec } from './model-spec';

/** Tumbling windows of event time. */
export type TimeWindowSpec = Extract<WindowSpec, { type: 'time' }>;

/** Tumbling windows of arrival count. */
export type CountWindowSpec = Extract<WindowSpec, { type: 'count' }>;

/**
 * The time window an event falls in: floor(epoch seconds / window seconds), windows aligned to
 * the Unix epoch, so every instance and replay cuts the same windows.
 */
export function timeWindowIndex(timestamp: Date, spec: Pick<TimeWindowSpec, 'seconds'>): number {
  const milliseconds = timestamp.getTime();
  if (Number.isNaN(milliseconds))
    throw new InvalidDriftInputError('the timestamp is not a valid time');
  return Math.floor(milliseconds / (spec.seconds * 1000));
}

/** Where a time window starts (inclusive) and ends (exclusive). */
export function timeWindowBounds(
  index: number,
  spec: Pick<TimeWindowSpec, 'seconds'>,
): { start: Date; end: Date } {
  requireIndex(index, 'window index');
  const milliseconds = spec.seconds * 1000;
  return { start: new Date(index * milliseconds), end: new Date((index + 1) * milliseconds) };
}

/** The count window of the row that arrived `sequence`-th (0 for the first): `rows` rows a window. */
export function countWindowIndex(sequence: number, spec: Pick<CountWindowSpec, 'rows'>): number {
  requireIndex(sequence, 'sequence');
  if (sequence < 0) throw new InvalidDriftInputError(`sequence ${sequence} is negative`);
  return Math.floor(sequence / spec.rows);
}

function requireIndex(value: number, name: string): void {
  if (!Number.isSafeInteger(value))
    throw new InvalidDriftInputError(`${name} ${value} is not an integer`);
}
