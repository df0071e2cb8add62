import type { WindowVerdict } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { decodePageCursor, encodePageCursor } from '@tenantry/problem-details';
import type { FailedVerdict, StoredVerdict } from './stored-verdict';

/** `GET /v1/models/{key}/windows`: which segment, which time range, how many, from where. */
export const windowHistoryQuerySchema = z.strictObject({
  segment: z.string().max(300).default(''),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

/** The parameters of a window history request. */
export type WindowHistoryQuery = z.output<typeof windowHistoryQuerySchema>;

/** A verdict in a few words: what drifted and how badly. */
export interface VerdictSummary {
  status: WindowVerdict['status'];
  severity: WindowVerdict['severity'];
  datasetDrift: boolean;
  driftedShare: number | null;
  /** Columns (features, then the prediction) that drifted. */
  driftedColumns: string[];
  performance: 'drift' | 'no_drift' | 'insufficient_data' | null;
}

/** One window of the history; `verdict` is null while it is open, the error when it could not be judged. */
export interface WindowSummary {
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  referenceVersion: number;
  rows: number;
  closedAt: Date | null;
  revisedAt: Date | null;
  verdict: VerdictSummary | FailedVerdict | null;
}

/** A page of the history, newest window first; `nextCursor` fetches the next one. */
export interface WindowHistoryPage {
  windows: WindowSummary[];
  nextCursor: string | null;
}

const cursorSchema = z.strictObject({ before: z.int() });

/** The windows of a model and segment overlapping [from, to), newest first, one page at a time. */
export async function loadWindowHistory(
  manager: EntityManager,
  modelKey: string,
  query: WindowHistoryQuery,
): Promise<WindowHistoryPage> {
  const before =
    query.cursor === undefined ? null : decodePageCursor(cursorSchema, query.cursor).before;
  const rows = (await manager.query(
    `SELECT window_index, window_start, window_end, reference_version, (state->>'rows')::int AS rows,
            closed_at, revised_at, verdict
       FROM drift.windows
      WHERE model_key = $1 AND segment = $2
        AND ($3::timestamptz IS NULL OR window_end > $3)
        AND ($4::timestamptz IS NULL OR window_start < $4)
        AND ($5::bigint IS NULL OR window_index < $5)
      ORDER BY window_index DESC
      LIMIT $6`,
    [modelKey, query.segment, query.from ?? null, query.to ?? null, before, query.limit + 1],
  )) as WindowSummaryRow[];
  const windows = rows.slice(0, query.limit).map((row) => ({
    windowIndex: Number(row.window_index),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    referenceVersion: row.reference_version,
    rows: row.rows,
    closedAt: row.closed_at,
    revisedAt: row.revised_at,
    verdict: row.verdict ? verdictSummary(row.verdict) : null,
  }));
  const last = windows.at(-1);
  return {
    windows,
    nextCursor:
      rows.length > query.limit && last ? encodePageCursor({ before: last.windowIndex }) : null,
  };
}

interface WindowSummaryRow {
  window_index: string;
  window_start: Date;
  window_end: Date;
  reference_version: number;
  rows: number;
  closed_at: Date | null;
  revised_at: Date | null;
  verdict: StoredVerdict | null;
}

function verdictSummary(verdict: StoredVerdict): VerdictSummary | FailedVerdict {
  if (verdict.status === 'error') return verdict;
  const columns = verdict.prediction ? [...verdict.features, verdict.prediction] : verdict.features;
  return {
    status: verdict.status,
    severity: verdict.severity,
    datasetDrift: verdict.datasetDrift,
    driftedShare: verdict.driftedShare,
    driftedColumns: columns
      .filter((column) => column.status === 'drift')
      .map((column) => column.column),
    performance: verdict.performance?.status ?? null,
  };
}
