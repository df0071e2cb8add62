import { statisticNames, type ColumnVerdict, type DriftStatus } from '@tenantry/drift-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { performanceVerdictSchema } from '../drift-core-schemas';
import type { ModelRecord } from '../models/model-record';
import { nullableUnion } from '../nullable-union';
import { bigintColumn, instantSchema, storedJson } from '../row-columns';
import { storedVerdictSchema } from './stored-verdict';

const judgement = z.enum(['drift', 'no_drift', 'insufficient_data']);

/** How one column fared in a window, as the status shows it. */
const columnStatusViewSchema = z.object({
  feature: z.string(),
  statistic: z.enum(statisticNames),
  value: z.number().nullable(),
  threshold: z.number(),
  effect: z.number().nullable(),
  status: judgement,
});

/** Which window closed last, against which reference, and when. */
const closedWindowViewSchema = z.object({
  windowIndex: z.int(),
  windowStart: instantSchema,
  windowEnd: instantSchema,
  referenceVersion: z.int(),
  closedAt: instantSchema,
});

/** The last judged window of a segment, or (status `error`) why it could not be judged. */
const lastJudgedWindowSchema = z.discriminatedUnion('status', [
  closedWindowViewSchema.extend({
    status: judgement,
    severity: z.enum(['warning', 'critical']).nullable(),
    datasetDrift: z.boolean(),
    driftedShare: z.number().nullable(),
    features: z.array(columnStatusViewSchema),
    prediction: columnStatusViewSchema.nullable(),
    performance: performanceVerdictSchema.nullable(),
  }),
  closedWindowViewSchema.extend({ status: z.literal('error'), error: z.string() }),
]);

/** Open windows shown per segment, newest first. */
const openWindowsShown = 100;

/** The drift status of the whole model ('') or one segment of it. */
const segmentStatusViewSchema = z.object({
  segment: z.string().describe("'' for the whole model, else <field>=<value>"),
  state: z
    .enum(['ok', 'drifting', 'no_reference'])
    .describe('no_reference while the model has no active reference: no window is tracked'),
  since: z.string().nullable().describe('end of the window whose drift.detected opened the drift'),
  drifting: z.int().describe('drifting windows in a row so far'),
  clean: z.int().describe('clean windows in a row so far'),
  lastRetrainRequestedAt: z.string().nullable(),
  lastJudgedWindow: nullableUnion(lastJudgedWindowSchema),
  openWindows: z
    .array(
      z.object({
        windowIndex: z.int(),
        windowStart: instantSchema,
        windowEnd: instantSchema,
        rows: z.int(),
      }),
    )
    .describe(`windows still collecting rows, newest first, at most ${openWindowsShown}`),
});

/** The drift status of a model, per segment. */
export const modelStatusViewSchema = z.object({
  modelKey: z.string(),
  activeReference: z.int().nullable(),
  segments: z
    .array(segmentStatusViewSchema)
    .describe('the whole model first, then each segment with a status or a window, by name'),
});

/** The drift status of a model, per segment. */
export type ModelStatusView = z.output<typeof modelStatusViewSchema>;
type LastJudgedWindow = z.output<typeof lastJudgedWindowSchema>;
type ColumnStatusView = z.output<typeof columnStatusViewSchema>;

const statusRow = z.object({ segment: z.string(), status: storedJson<DriftStatus>() });
const judgedRow = z.object({
  segment: z.string(),
  window_index: bigintColumn,
  window_start: instantSchema,
  window_end: instantSchema,
  reference_version: z.int(),
  closed_at: instantSchema,
  verdict: storedVerdictSchema,
});
const openRow = z.object({
  segment: z.string(),
  window_index: bigintColumn,
  window_start: instantSchema,
  window_end: instantSchema,
  rows: z.int(),
});

/** The status of each segment of `model` (or of `segment` alone), the whole model ('') first. */
export async function loadModelStatus(
  manager: EntityManager,
  model: ModelRecord,
  segment: string | undefined,
): Promise<ModelStatusView> {
  const only = segment ?? null;
  const statuses = await queryRows(
    manager,
    statusRow,
    `SELECT segment, status FROM drift.statuses
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2)`,
    [model.key, only],
  );
  const judged = await queryRows(
    manager,
    judgedRow,
    `SELECT DISTINCT ON (segment) segment, window_index, window_start, window_end,
            reference_version, closed_at, verdict
       FROM drift.windows
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2) AND verdict IS NOT NULL
      ORDER BY segment, window_index DESC`,
    [model.key, only],
  );
  const open = await queryRows(
    manager,
    openRow,
    `SELECT segment, window_index, window_start, window_end, rows FROM (
       SELECT segment, window_index, window_start, window_end, (state->>'rows')::int AS rows,
              row_number() OVER (PARTITION BY segment ORDER BY window_index DESC) AS position
         FROM drift.windows
        WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2) AND closed_at IS NULL) AS o
      WHERE position <= $3
      ORDER BY segment, window_index DESC`,
    [model.key, only, openWindowsShown],
  );

  const segments = new Set<string>(only === null || only === '' ? [''] : []);
  for (const row of [...statuses, ...judged, ...open]) segments.add(row.segment);
  return {
    modelKey: model.key,
    activeReference: model.activeReference,
    segments: [...segments].sort().map((name) => {
      const status = statuses.find((row) => row.segment === name)?.status;
      const last = judged.find((row) => row.segment === name);
      return {
        segment: name,
        state: model.activeReference === null ? 'no_reference' : (status?.state ?? 'ok'),
        since: status?.since ?? null,
        drifting: status?.drifting ?? 0,
        clean: status?.clean ?? 0,
        lastRetrainRequestedAt: status?.lastRetrainRequestedAt ?? null,
        lastJudgedWindow: last ? lastJudgedWindow(last) : null,
        openWindows: open
          .filter((row) => row.segment === name)
          .map((row) => ({
            windowIndex: row.window_index,
            windowStart: row.window_start,
            windowEnd: row.window_end,
            rows: row.rows,
          })),
      };
    }),
  };
}

function lastJudgedWindow(row: z.output<typeof judgedRow>): LastJudgedWindow {
  const { verdict } = row;
  const window = {
    windowIndex: row.window_index,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    referenceVersion: row.reference_version,
    closedAt: row.closed_at,
  };
  if (verdict.status === 'error') return { ...window, status: 'error', error: verdict.error };
  return {
    ...window,
    status: verdict.status,
    severity: verdict.severity,
    datasetDrift: verdict.datasetDrift,
    driftedShare: verdict.driftedShare,
    features: verdict.features.map(columnStatusView),
    prediction: verdict.prediction ? columnStatusView(verdict.prediction) : null,
    performance: verdict.performance,
  };
}

function columnStatusView(verdict: ColumnVerdict): ColumnStatusView {
  return {
    feature: verdict.column,
    statistic: verdict.statistic,
    value: verdict.value,
    threshold: verdict.threshold,
    effect: verdict.effect,
    status: verdict.status,
  };
}
