import { pageQuerySchema } from '@tenantry/problem-details';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { rfc3339DateTimeSchema } from '@tenantry/schemas';
import { z } from 'zod';
import { nullableUnion } from '../nullable-union';
import { bigintColumn, instantSchema } from '../row-columns';
import { failedVerdictSchema, storedVerdictSchema, type StoredVerdict } from './stored-verdict';

/** `GET /v1/models/{key}/windows`: which segment, which time range, how many, from where. */
export const windowHistoryQuerySchema = z.strictObject({
  ...pageQuerySchema().shape,
  segment: z.string().max(300).default('').describe("'' (the whole model) or <field>=<value>"),
  from: rfc3339DateTimeSchema.optional().describe('windows ending after this instant'),
  to: rfc3339DateTimeSchema.optional().describe('windows starting before this instant'),
});

/** Which windows of the history to read: the request's filters, its cursor decoded. */
export interface WindowHistoryQuery {
  segment: string;
  from?: string;
  to?: string;
  /** Windows before this index only. */
  beforeIndex?: number;
}

/** A verdict in a few words: what drifted and how badly. */
const verdictSummarySchema = z.object({
  status: z.enum(['drift', 'no_drift', 'insufficient_data']),
  severity: z.enum(['warning', 'critical']).nullable(),
  datasetDrift: z.boolean(),
  driftedShare: z.number().nullable(),
  driftedColumns: z.array(z.string()).describe('features, then the prediction, that drifted'),
  performance: z.enum(['drift', 'no_drift', 'insufficient_data']).nullable(),
});

/** One window of the history. */
export const windowSummarySchema = z.object({
  windowIndex: z.int(),
  windowStart: instantSchema,
  windowEnd: instantSchema,
  referenceVersion: z.int(),
  rows: z.int(),
  closedAt: instantSchema.nullable(),
  revisedAt: instantSchema.nullable(),
  verdict: nullableUnion(z.union([verdictSummarySchema, failedVerdictSchema])).describe(
    'null while the window is open; status error when it could not be judged',
  ),
});

/** One window of the history. */
export type WindowSummary = z.output<typeof windowSummarySchema>;

const windowSummaryRow = z
  .object({
    window_index: bigintColumn,
    window_start: instantSchema,
    window_end: instantSchema,
    reference_version: z.int(),
    rows: z.int(),
    closed_at: instantSchema.nullable(),
    revised_at: instantSchema.nullable(),
    verdict: storedVerdictSchema.nullable(),
  })
  .transform((row): WindowSummary => ({
    windowIndex: row.window_index,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    referenceVersion: row.reference_version,
    rows: row.rows,
    closedAt: row.closed_at,
    revisedAt: row.revised_at,
    verdict: row.verdict ? verdictSummary(row.verdict) : null,
  }));

/** Up to `count` windows of a model and segment overlapping [from, to), newest first. */
export function loadWindowHistory(
  manager: EntityManager,
  modelKey: string,
  query: WindowHistoryQuery,
  count: number,
): Promise<WindowSummary[]> {
  return queryRows(
    manager,
    windowSummaryRow,
    `SELECT window_index, window_start, window_end, reference_version, (state->>'rows')::int AS rows,
            closed_at, revised_at, verdict
       FROM drift.windows
      WHERE model_key = $1 AND segment = $2
        AND ($3::timestamptz IS NULL OR window_end > $3)
        AND ($4::timestamptz IS NULL OR window_start < $4)
        AND ($5::bigint IS NULL OR window_index < $5)
      ORDER BY window_index DESC
      LIMIT $6`,
    [
      modelKey,
      query.segment,
      query.from ?? null,
      query.to ?? null,
      query.beforeIndex ?? null,
      count,
    ],
  );
}

function verdictSummary(verdict: StoredVerdict): WindowSummary['verdict'] {
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
