import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { driftVerdictFields } from './drift-verdict-fields';

const data = z.object({
  ...driftVerdictFields,
  driftingSince: z.iso
    .datetime()
    .nullable()
    .meta({ description: 'end of the window that opened the drift' }),
});

/** The data of drift.detected and drift.resolved. */
export type DriftStatusChangedData = z.infer<typeof data>;

const example: DriftStatusChangedData = {
  tenantId: 'acme',
  modelKey: 'churn',
  segment: '',
  windowStart: '2026-11-25T10:00:00.000Z',
  windowEnd: '2026-11-25T11:00:00.000Z',
  referenceVersion: 3,
  severity: 'critical',
  datasetDrift: true,
  driftedShare: 0.67,
  predictionDrift: false,
  performanceDrift: false,
  topFeatures: [{ column: 'age', statistic: 'ks', value: 0.0001, threshold: 0.05, effect: 0.31 }],
  driftingSince: '2026-11-25T11:00:00.000Z',
};

/** `drift.detected` on drift.events.v1: a model (or one segment of it) started to drift. */
export const driftDetected = defineEventContract({
  type: 'drift.detected',
  topic: 'drift.events.v1',
  description: [
    'A model, or one segment of it, drifted in policy.detectAfter windows in a row. Carries the',
    'verdict of the window that tipped it: severity, dataset drift, the share of drifted features and',
    'the top drifting columns with statistic, value and threshold. Sent once per drift episode;',
    'ce_id is drift.detected/<tenant>/<model>[/<segment>]/<window index>.',
  ].join(' '),
  data,
  example,
});

/** `drift.resolved` on drift.events.v1: a drifting model (or segment) is clean again. */
export const driftResolved = defineEventContract({
  type: 'drift.resolved',
  topic: 'drift.events.v1',
  description: [
    'A drifting model, or segment, was clean in policy.resolveAfter windows in a row. Carries the',
    'verdict of the last clean window (severity null) and when the drift began.',
    'ce_id is drift.resolved/<tenant>/<model>[/<segment>]/<window index>.',
  ].join(' '),
  data,
  example: { ...example, severity: null, datasetDrift: false, driftedShare: 0, topFeatures: [] },
});
