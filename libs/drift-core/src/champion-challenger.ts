import { columnHistogram, type ColumnHistogram } from './column-histogram';
import type { ColumnVerdict, SampleRow, WindowVerdict } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { FeatureSpec, ModelSpec } from './model-spec';
import { fitReference } from './reference-fit';
import { evaluateWindow } from './window-evaluation';
import { emptyWindowState, foldRows } from './window-state';

/** The challenger's outputs judged against the champion's. */
export interface ChampionChallengerComparison {
  /** drift when the challenger's outputs are distributed differently from the champion's. */
  status: WindowVerdict['status'];
  /** How the prediction column was judged: statistic, value, threshold, effect. */
  prediction: ColumnVerdict;
  histogram: ColumnHistogram;
}

/**
 * Champion/challenger with the drift machinery: the champion's predictions are fitted as a
 * reference, the challenger's are folded into one window, and the window is judged with the
 * champion model's prediction statistic, threshold and policy. Only each row's prediction is read.
 */
export function compareChampionChallenger(
  champion: ModelSpec,
  championRows: readonly SampleRow[],
  challengerRows: readonly SampleRow[],
): ChampionChallengerComparison {
  const prediction = champion.prediction;
  if (!prediction) {
    throw new InvalidDriftInputError(`model "${champion.key}" has no prediction to compare`);
  }
  const model = predictionModel(champion, prediction);
  const reference = fitReference(
    championRows.map((row) => predictionRow(row, prediction)),
    model,
  );
  const state = foldRows(
    emptyWindowState(model, reference),
    challengerRows.map((row) => predictionRow(row, prediction)),
    model,
    reference,
  );
  const { verdict } = evaluateWindow({ model, reference, state, pageHinkley: null });
  return {
    status: verdict.status,
    prediction: verdict.features[0]!,
    histogram: columnHistogram(
      reference.features[prediction.name]!,
      state.features[prediction.name]!,
    ),
  };
}

// A model whose only feature is the champion's prediction (same name, kind, statistic and
// threshold), with the champion's policy: its reference and window hold predictions only.
function predictionModel(model: ModelSpec, prediction: FeatureSpec): ModelSpec {
  return {
    key: model.key,
    features: [prediction],
    segments: [],
    maxSegmentValues: model.maxSegmentValues,
    window: model.window,
    policy: model.policy,
    referenceSampleLimit: model.referenceSampleLimit,
  };
}

function predictionRow(row: SampleRow, prediction: FeatureSpec): SampleRow {
  return { timestamp: row.timestamp, features: { [prediction.name]: row.prediction ?? null } };
}
