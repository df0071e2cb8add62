import { z } from 'zod';

const driftingColumn = z.object({
  column: z.string().meta({ description: 'feature name, or the prediction field' }),
  statistic: z
    .string()
    .meta({ description: 'ks, psi, kl, js, wasserstein, wasserstein_normed, chi_square or z' }),
  value: z
    .number()
    .meta({ description: 'p-value for ks, chi_square and z; distance for the others' }),
  threshold: z.number(),
  effect: z.number().meta({
    description: 'effect size used for ranking (KS D, JS distance, |p1 - p2| or the distance)',
  }),
});

/** What every drift.events.v1 and drift.retrain-requested.v1 event says about the window that caused it. */
export const driftVerdictFields = {
  tenantId: z.string(),
  modelKey: z.string(),
  segment: z
    .string()
    .meta({ description: "'' for the whole model, else '<field>=<value>' of a segment feature" }),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  referenceVersion: z
    .int()
    .meta({ description: 'version of the reference the window was compared with' }),
  severity: z.enum(['warning', 'critical']).nullable().meta({
    description: 'critical: dataset or performance drift; warning: other drift; null once resolved',
  }),
  datasetDrift: z.boolean(),
  driftedShare: z
    .number()
    .nullable()
    .meta({ description: 'share of drifted features in the window' }),
  predictionDrift: z.boolean(),
  performanceDrift: z.boolean(),
  topFeatures: z
    .array(driftingColumn)
    .meta({ description: 'drifting columns by effect, largest first (≤ 5)' }),
};
