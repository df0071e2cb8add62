import type { WindowState } from '@tenantry/drift-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, instantSchema, storedJson } from '../row-columns';
import type { ChecksummedWindow } from './windows-checksum';

/** A row of drift.windows as folding reads and writes it (the verdict is the closer's). */
export interface StoredWindow {
  segment: string;
  windowIndex: number;
  referenceVersion: number;
  state: WindowState;
  windowStart: Date;
  windowEnd: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  revisedAt: Date | null;
}

const windowState = storedJson<WindowState>();

const storedWindowRow = z
  .object({
    segment: z.string(),
    window_index: bigintColumn,
    reference_version: z.int(),
    state: windowState,
    window_start: instantSchema,
    window_end: instantSchema,
    due_at: instantSchema.nullable(),
    closed_at: instantSchema.nullable(),
    revised_at: instantSchema.nullable(),
  })
  .transform((row): StoredWindow => ({
    segment: row.segment,
    windowIndex: row.window_index,
    referenceVersion: row.reference_version,
    state: row.state,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    revisedAt: row.revised_at,
  }));

const windowStateRow = z
  .object({ segment: z.string(), window_index: bigintColumn, state: windowState })
  .transform((row): ChecksummedWindow => ({
    segment: row.segment,
    windowIndex: row.window_index,
    state: row.state,
  }));

/** The map key of a window of a model. */
export function windowKey(segment: string, windowIndex: number): string {
  return `${windowIndex}\u0000${segment}`;
}

/**
 * Locks and reads the windows of a model, all of them or those with the given keys, in one
 * query; windows that do not exist yet are simply absent from the answer.
 */
export async function lockWindows(
  manager: EntityManager,
  modelKey: string,
  keys?: ReadonlyArray<{ segment: string; windowIndex: number }>,
): Promise<Map<string, StoredWindow>> {
  const windows = await queryRows(
    manager,
    storedWindowRow,
    `SELECT segment, window_index, reference_version, state, window_start, window_end,
            due_at, closed_at, revised_at
       FROM drift.windows
      WHERE model_key = $1
        AND ($2::text[] IS NULL
             OR (segment, window_index) IN (SELECT * FROM unnest($2::text[], $3::bigint[])))
      ORDER BY segment, window_index
      FOR UPDATE`,
    [
      modelKey,
      keys ? keys.map((key) => key.segment) : null,
      keys ? keys.map((key) => key.windowIndex) : null,
    ],
  );
  return new Map(windows.map((window) => [windowKey(window.segment, window.windowIndex), window]));
}

/** The state of every window of a model, for its checksum. */
export function windowStates(
  manager: EntityManager,
  modelKey: string,
): Promise<ChecksummedWindow[]> {
  return queryRows(
    manager,
    windowStateRow,
    `SELECT segment, window_index, state FROM drift.windows WHERE model_key = $1`,
    [modelKey],
  );
}

/** Windows written per statement, so that one statement's parameters stay a few megabytes. */
const windowsPerStatement = 500;

/**
 * Inserts new windows and updates the folding columns of existing ones (state, bounds, due_at,
 * revised_at) set-based; an existing window keeps its reference version, verdict and closed_at.
 */
export async function writeWindows(
  manager: EntityManager,
  tenantId: string,
  modelKey: string,
  windows: readonly Omit<StoredWindow, 'closedAt'>[],
): Promise<void> {
  for (let start = 0; start < windows.length; start += windowsPerStatement) {
    const part = windows.slice(start, start + windowsPerStatement);
    await manager.query(
      `INSERT INTO drift.windows AS w
         (tenant_id, model_key, segment, window_index, window_start, window_end, due_at,
          reference_version, state, revised_at)
       SELECT $1, $2, * FROM unnest($3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[],
                                    $7::timestamptz[], $8::int[], $9::jsonb[], $10::timestamptz[])
       ON CONFLICT (tenant_id, model_key, segment, window_index) DO UPDATE SET
         window_start = EXCLUDED.window_start,
         window_end = EXCLUDED.window_end,
         due_at = EXCLUDED.due_at,
         state = EXCLUDED.state,
         revised_at = EXCLUDED.revised_at,
         updated_at = now()`,
      [
        tenantId,
        modelKey,
        part.map((window) => window.segment),
        part.map((window) => window.windowIndex),
        part.map((window) => window.windowStart),
        part.map((window) => window.windowEnd),
        part.map((window) => window.dueAt),
        part.map((window) => window.referenceVersion),
        part.map((window) => JSON.stringify(window.state)),
        part.map((window) => window.revisedAt),
      ],
    );
  }
}
