import type { FeatureSpec, ModelSpec, SampleRow } from '@tenantry/drift-core';

/**
 * A model whose only feature is another model's prediction (same name, kind, statistic and
 * threshold), with that model's policy: its references and windows hold predictions only.
 */
export function predictionModel(model: ModelSpec, prediction: FeatureSpec): ModelSpec {
  return {
    key: model.key,
    features: [prediction],
    segments: [],
    window: model.window,
    policy: model.policy,
    referenceSampleLimit: model.referenceSampleLimit,
  };
}

/** A row of {@link predictionModel}: the prediction as its feature. */
export function predictionRow(row: SampleRow, prediction: FeatureSpec): SampleRow {
  return { timestamp: row.timestamp, features: { [prediction.name]: row.prediction ?? null } };
}
