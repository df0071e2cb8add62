import type { ColumnVerdict, DriftStatus, WindowVerdict } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import type { FailedVerdict, StoredVerdict } from './stored-verdict';

/** How one column fared in a window, as the status shows it. */
export interface ColumnStatusView {
  feature: string;
  statistic: ColumnVerdict['statistic'];
  value: number | null;
  threshold: number;
  effect: number | null;
  status: ColumnVerdict['status'];
}

/** Which window closed last, against which reference, and when. */
interface ClosedWindowView {
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  referenceVersion: number;
  closedAt: Date;
}

/** The last judged window of a segment. */
export interface JudgedWindowView extends ClosedWindowView {
  status: WindowVerdict['status'];
  severity: WindowVerdict['severity'];
  datasetDrift: boolean;
  driftedShare: number | null;
  features: ColumnStatusView[];
  prediction: ColumnStatusView | null;
  performance: WindowVerdict['performance'];
}

/** The last closed window of a segment when it could not be judged: `error` says why. */
export interface FailedWindowView extends ClosedWindowView, FailedVerdict {}

/** A window still collecting rows. */
export interface OpenWindowView {
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  rows: number;
}

/** The drift status of the whole model ('') or one segment of it. */
export interface SegmentStatusView {
  segment: string;
  /** no_reference while the model has no active reference: samples are kept but no window is tracked. */
  state: DriftStatus['state'] | 'no_reference';
  /** End of the window whose drift.detected opened the current drift. */
  since: string | null;
  /** Drifting windows in a row so far, and clean ones. */
  drifting: number;
  clean: number;
  lastRetrainRequestedAt: string | null;
  lastJudgedWindow: JudgedWindowView | FailedWindowView | null;
  /** Newest first, at most {@link openWindowsShown}. */
  openWindows: OpenWindowView[];
}

/** The drift status of a model, per segment. */
export interface ModelStatusView {
  modelKey: string;
  activeReference: number | null;
  segments: SegmentStatusView[];
}

const openWindowsShown = 100;

/** The status of each segment of `model` (or of `segment` alone), the whole model ('') first. */
export async function loadModelStatus(
  manager: EntityManager,
  model: ModelRecord,
  segment: string | undefined,
): Promise<ModelStatusView> {
  const only = segment ?? null;
  const statuses = (await manager.query(
    `SELECT segment, status FROM drift.statuses
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2)`,
    [model.key, only],
  )) as Array<{ segment: string; status: DriftStatus }>;
  const judged = (await manager.query(
    `SELECT DISTINCT ON (segment) segment, window_index, window_start, window_end,
            reference_version, closed_at, verdict
       FROM drift.windows
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2) AND verdict IS NOT NULL
      ORDER BY segment, window_index DESC`,
    [model.key, only],
  )) as JudgedWindowRow[];
  const open = (await manager.query(
    `SELECT segment, window_index, window_start, window_end, rows FROM (
       SELECT segment, window_index, window_start, window_end, (state->>'rows')::int AS rows,
              row_number() OVER (PARTITION BY segment ORDER BY window_index DESC) AS position
         FROM drift.windows
        WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2) AND closed_at IS NULL) AS o
      WHERE position <= $3
      ORDER BY segment, window_index DESC`,
    [model.key, only, openWindowsShown],
  )) as OpenWindowRow[];

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
        lastJudgedWindow: last ? judgedWindowView(last) : null,
        openWindows: open
          .filter((row) => row.segment === name)
          .map((row) => ({
            windowIndex: Number(row.window_index),
            windowStart: row.window_start,
            windowEnd: row.window_end,
            rows: row.rows,
          })),
      };
    }),
  };
}

interface JudgedWindowRow {
  segment: string;
  window_index: string;
  window_start: Date;
  window_end: Date;
  reference_version: number;
  closed_at: Date;
  verdict: StoredVerdict;
}

interface OpenWindowRow {
  segment: string;
  window_index: string;
  window_start: Date;
  window_end: Date;
  rows: number;
}

function judgedWindowView(row: JudgedWindowRow): JudgedWindowView | FailedWindowView {
  const { verdict } = row;
  const window: ClosedWindowView = {
    windowIndex: Number(row.window_index),
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
