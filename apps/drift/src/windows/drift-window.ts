import type { WindowState } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { StoredVerdict } from './stored-verdict';
import { WindowNotFoundError } from './window-not-found.error';

/** A window of one model and segment as stored in drift.windows. */
export interface DriftWindow {
  modelKey: string;
  segment: string;
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  /** When the closer should judge it next; null when nothing is pending. */
  dueAt: Date | null;
  referenceVersion: number;
  state: WindowState;
  verdict: StoredVerdict | null;
  /** When it was first judged; null while open. */
  closedAt: Date | null;
  /** When late rows last joined it after it closed. */
  revisedAt: Date | null;
}

/** The drift.windows columns {@link driftWindowOf} reads, for a SELECT list. */
export const driftWindowColumns = `model_key, segment, window_index, window_start, window_end, due_at,
  reference_version, state, verdict, closed_at, revised_at`;

/** A drift.windows row as node-postgres returns {@link driftWindowColumns}. */
export interface DriftWindowRow {
  model_key: string;
  segment: string;
  /** bigint, which node-postgres returns as text. */
  window_index: string;
  window_start: Date;
  window_end: Date;
  due_at: Date | null;
  reference_version: number;
  state: WindowState;
  verdict: StoredVerdict | null;
  closed_at: Date | null;
  revised_at: Date | null;
}

/** The window a row holds. */
export function driftWindowOf(row: DriftWindowRow): DriftWindow {
  return {
    modelKey: row.model_key,
    segment: row.segment,
    // Time indexes are epoch seconds / window seconds, count indexes rows / window rows: far below 2^53.
    windowIndex: Number(row.window_index),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    dueAt: row.due_at,
    referenceVersion: row.reference_version,
    state: row.state,
    verdict: row.verdict,
    closedAt: row.closed_at,
    revisedAt: row.revised_at,
  };
}

/** One window of a model and segment; WindowNotFoundError (404) when there is none. */
export async function loadDriftWindow(
  manager: EntityManager,
  modelKey: string,
  segment: string,
  windowIndex: number,
): Promise<DriftWindow> {
  const [row] = (await manager.query(
    `SELECT ${driftWindowColumns} FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND window_index = $3`,
    [modelKey, segment, windowIndex],
  )) as DriftWindowRow[];
  if (!row) throw new WindowNotFoundError(modelKey, segment, windowIndex);
  return driftWindowOf(row);
}
