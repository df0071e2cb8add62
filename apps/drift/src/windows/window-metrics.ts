import { metricsRegistry } from '@tenantry/observability';
import { Counter, Histogram } from 'prom-client';
import type { DriftEventKind } from './drift-transition-events';
import type { StoredVerdict } from './stored-verdict';

const windowsJudgedTotal = new Counter({
  name: 'drift_windows_judged_total',
  help: 'Windows judged, by verdict status (drift, no_drift, insufficient_data, error) and judgement (first, revision)',
  labelNames: ['status', 'judgement'] as const,
  registers: [metricsRegistry],
});

const driftEventsEmittedTotal = new Counter({
  name: 'drift_events_emitted_total',
  help: 'Drift events emitted, by kind (detected, resolved, retrain-requested)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

// Window close latency: the model's lateness allowance (0 to a few minutes) plus the closer's
// interval (DRIFT_CLOSE_INTERVAL_MS, 250 ms) and one transaction, so sub-second to ~10 minutes.
// Windows of replayed or back-filled samples (timestamps days old) land in +Inf, as they should.
const detectionLatencySeconds = new Histogram({
  name: 'drift_detection_latency_seconds',
  help: "Seconds from a window's end to its first verdict (lateness, fill time and closer delay)",
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
  registers: [metricsRegistry],
});

/** What one judgement of a window adds to the metrics. */
export interface WindowJudgementRecord {
  /** error: the window could not be judged and was closed without a verdict. */
  status: StoredVerdict['status'];
  /** False for a revision of a window judged before. */
  firstClose: boolean;
  /** Seconds from the window's end to its first verdict; null for a revision. */
  latencySeconds: number | null;
  events: DriftEventKind[];
}

/** Counts a committed judgement: the window, its events and its detection latency. */
export function recordWindowJudgement(record: WindowJudgementRecord): void {
  windowsJudgedTotal.inc({
    status: record.status,
    judgement: record.firstClose ? 'first' : 'revision',
  });
  for (const kind of record.events) driftEventsEmittedTotal.inc({ kind });
  if (record.latencySeconds !== null) detectionLatencySeconds.observe(record.latencySeconds);
}
