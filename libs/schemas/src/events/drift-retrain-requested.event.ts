import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { driftVerdictFields } from './drift-verdict-fields';

const data = z.object({
  ...driftVerdictFields,
  cooldownUntil: z.iso
    .datetime()
    .meta({ description: 'no further request for this model and segment before then' }),
});

/** The data of the event below. */
export type DriftRetrainRequestedData = z.infer<typeof data>;

/** `drift.retrain-requested` on drift.retrain-requested.v1: a tenant's ML pipeline should retrain. */
export const driftRetrainRequested = defineEventContract({
  type: 'drift.retrain-requested',
  topic: 'drift.retrain-requested.v1',
  description: [
    "A critical drift (dataset or performance drift) of a drifting model or segment: the tenant's",
    'ML pipeline should retrain. At most one per model and segment within',
    'policy.retrainCooldownSeconds. ce_id is drift.retrain-requested/<tenant>/<model>[/<segment>]/<window index>.',
  ].join(' '),
  data,
  example: {
    tenantId: 'acme',
    modelKey: 'churn',
    segment: 'region=eu',
    windowStart: '2026-11-25T10:00:00.000Z',
    windowEnd: '2026-11-25T11:00:00.000Z',
    referenceVersion: 3,
    severity: 'critical',
    datasetDrift: true,
    driftedShare: 0.67,
    predictionDrift: true,
    performanceDrift: false,
    topFeatures: [
      { column: 'age', statistic: 'wasserstein_normed', value: 0.42, threshold: 0.1, effect: 0.42 },
    ],
    cooldownUntil: '2026-11-26T11:00:00.000Z',
  },
});
