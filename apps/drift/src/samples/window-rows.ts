import {
  countWindowIndex,
  segmentsOf,
  timeWindowIndex,
  type ModelSpec,
  type SampleRow,
  type SegmentAdmission,
} from '@tenantry/drift-core';
import { windowKey } from './stored-windows';

/** Accepted rows of a batch and the model sequence number of its first row. */
export interface SequencedBatch {
  firstSequence: number;
  rows: readonly SampleRow[];
}

/** The rows that fall into one window of one segment, with their earliest and latest time (epoch ms). */
export interface WindowRows {
  segment: string;
  windowIndex: number;
  rows: SampleRow[];
  firstTime: number;
  lastTime: number;
}

/**
 * Sorts rows into their windows: every row belongs to the whole model's window ('') and to one
 * window per segment it has a value for (`<field>=__other__` when the value is not admitted);
 * time windows by its timestamp, count windows by its sequence number. `admitted` is the model's
 * admission after these rows or any later one (see segmentsOf). Groups come in order of first appearance.
 */
export function windowRows(
  batches: readonly SequencedBatch[],
  model: ModelSpec,
  admitted: SegmentAdmission,
): WindowRows[] {
  const groups = new Map<string, WindowRows>();
  const window = model.window;
  for (const { firstSequence, rows } of batches) {
    rows.forEach((row, position) => {
      const time = new Date(row.timestamp).getTime();
      const windowIndex =
        window.type === 'time'
          ? timeWindowIndex(new Date(time), window)
          : countWindowIndex(firstSequence + position, window);
      for (const segment of segmentsOf(row, model, admitted)) {
        const key = windowKey(segment, windowIndex);
        const group = groups.get(key);
        if (group) {
          group.rows.push(row);
          group.firstTime = Math.min(group.firstTime, time);
          group.lastTime = Math.max(group.lastTime, time);
        } else {
          groups.set(key, { segment, windowIndex, rows: [row], firstTime: time, lastTime: time });
        }
      }
    });
  }
  return [...groups.values()];
}
