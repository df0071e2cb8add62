import { Injectable } from '@nestjs/common';
import {
  emptyWindowState,
  evaluateWindow,
  fitReference,
  foldRows,
  type ColumnVerdict,
  type FeatureSpec,
  type SampleRow,
  type WindowVerdict,
} from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import { ModelStore, type ModelRecord } from '../models/model-store';
import { receivedRows } from '../samples/received-rows';
import { columnHistogram, type ColumnHistogram } from '../windows/column-histogram';
import { ComparisonNotPossibleError } from './comparison-not-possible.error';
import type { ComparisonRequest } from './comparison-request';
import { predictionModel, predictionRow } from './prediction-model';

/** One side of a comparison: the model and how many of its rows fell in the range. */
export interface ComparedModel {
  modelKey: string;
  rows: number;
}

/** The challenger's predictions judged against the champion's over the same time range. */
export interface ModelComparisonResult {
  champion: ComparedModel;
  challenger: ComparedModel;
  from: string;
  to: string;
  /** drift when the challenger's outputs are distributed differently from the champion's. */
  status: WindowVerdict['status'];
  /** How the prediction column was judged: statistic, value, threshold, effect. */
  prediction: ColumnVerdict;
  histogram: ColumnHistogram;
}

/**
 * Champion/challenger with the drift machinery: the champion's predictions in [from, to) are
 * fitted as a reference, the challenger's predictions in the same range are folded into a window,
 * and the window is judged with the champion's prediction statistic, threshold and policy.
 */
@Injectable()
export class ModelComparison {
  constructor(private readonly models: ModelStore) {}

  async compare(
    manager: EntityManager,
    championKey: string,
    request: ComparisonRequest,
  ): Promise<ModelComparisonResult> {
    const champion = await this.models.get(manager, championKey);
    const challenger = await this.models.get(manager, request.challenger);
    const prediction = comparablePrediction(champion, challenger);
    const model = predictionModel(champion.spec, prediction);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const championRows = await this.predictions(manager, champion, prediction, from, to);
    const challengerRows = await this.predictions(manager, challenger, prediction, from, to);
    const reference = fitReference(championRows, model);
    const state = foldRows(emptyWindowState(model, reference), challengerRows, model, reference);
    const { verdict } = evaluateWindow({ model, reference, state, pageHinkley: null });
    return {
      champion: { modelKey: champion.key, rows: championRows.length },
      challenger: { modelKey: challenger.key, rows: challengerRows.length },
      from: from.toISOString(),
      to: to.toISOString(),
      status: verdict.status,
      prediction: verdict.features[0]!,
      histogram: columnHistogram(
        reference.features[prediction.name]!,
        state.features[prediction.name]!,
      ),
    };
  }

  private async predictions(
    manager: EntityManager,
    model: ModelRecord,
    prediction: FeatureSpec,
    from: Date,
    to: Date,
  ): Promise<SampleRow[]> {
    const rows = await receivedRows(manager, model.key, from, to);
    if (rows.length === 0) {
      throw new ComparisonNotPossibleError(
        `Model "${model.key}" received no rows from ${from.toISOString()} to ${to.toISOString()}.`,
      );
    }
    return rows.map((row) => predictionRow(row, prediction));
  }
}

function comparablePrediction(champion: ModelRecord, challenger: ModelRecord): FeatureSpec {
  const ours = champion.spec.prediction;
  const theirs = challenger.spec.prediction;
  if (!ours) throw new ComparisonNotPossibleError(`Model "${champion.key}" has no prediction.`);
  if (!theirs) throw new ComparisonNotPossibleError(`Model "${challenger.key}" has no prediction.`);
  if (ours.kind !== theirs.kind) {
    throw new ComparisonNotPossibleError(
      `Model "${champion.key}" predicts ${ours.kind} values, "${challenger.key}" ${theirs.kind} ones.`,
    );
  }
  return ours;
}
