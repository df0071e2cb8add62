import type { WindowState } from '@tenantry/drift-core';
import { queryRow } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, instantSchema, storedJson } from '../row-columns';
import { storedVerdictSchema, type StoredVerdict } from './stored-verdict';
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

/** The drift.windows columns {@link driftWindowRow} reads, for a SELECT list. */
export const driftWindowColumns = `model_key, segment, window_index, window_start, window_end, due_at,
  reference_version, state, verdict, closed_at, revised_at`;

/** A drift.windows row of {@link driftWindowColumns}, read as the window it holds. */
export const driftWindowRow = z
  .object({
    model_key: z.string(),
    segment: z.string(),
    window_index: bigintColumn,
    window_start: instantSchema,
    window_end: instantSchema,
    due_at: instantSchema.nullable(),
    reference_version: z.int(),
    state: storedJson<WindowState>(),
    verdict: storedVerdictSchema.nullable(),
    closed_at: instantSchema.nullable(),
    revised_at: instantSchema.nullable(),
  })
  .transform((row): DriftWindow => ({
    modelKey: row.model_key,
    segment: row.segment,
    windowIndex: row.window_index,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    dueAt: row.due_at,
    referenceVersion: row.reference_version,
    state: row.state,
    verdict: row.verdict,
    closedAt: row.closed_at,
    revisedAt: row.revised_at,
  }));

/** One window of a model and segment; WindowNotFoundError (404) when there is none. */
export async function loadDriftWindow(
  manager: EntityManager,
  modelKey: string,
  segment: string,
  windowIndex: number,
): Promise<DriftWindow> {
  const window = await queryRow(
    manager,
    driftWindowRow,
    `SELECT ${driftWindowColumns} FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND window_index = $3`,
    [modelKey, segment, windowIndex],
  );
  if (!window) throw new WindowNotFoundError(modelKey, segment, windowIndex);
  return window;
}
