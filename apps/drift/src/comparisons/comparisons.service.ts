import { Injectable } from '@nestjs/common';
import { compareChampionChallenger, type SampleRow } from '@tenantry/drift-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import { ModelStore } from '../models/model-store';
import { receivedRows } from '../samples/sample-batch-store';
import { ComparisonNotPossibleError } from './comparison-not-possible.error';
import type { ComparisonRequest } from './comparison-request';
import type { ComparisonResult } from './comparison-result';

/**
 * Champion/challenger over stored samples: both models' rows received in [from, to), judged by
 * {@link compareChampionChallenger} with the champion's prediction statistic, threshold and policy.
 */
@Injectable()
export class ComparisonsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  compare(championKey: string, request: ComparisonRequest): Promise<ComparisonResult> {
    return inTenantTransaction(this.dataSource, (manager) =>
      this.compareIn(manager, championKey, request),
    );
  }

  private async compareIn(
    manager: EntityManager,
    championKey: string,
    request: ComparisonRequest,
  ): Promise<ComparisonResult> {
    const champion = await this.models.get(manager, championKey);
    const challenger = await this.models.get(manager, request.challenger);
    requireComparablePredictions(champion, challenger);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const championRows = await this.rows(manager, champion, from, to);
    const challengerRows = await this.rows(manager, challenger, from, to);
    const { status, prediction, histogram } = compareChampionChallenger(
      champion.spec,
      championRows,
      challengerRows,
    );
    return {
      champion: { modelKey: champion.key, rows: championRows.length },
      challenger: { modelKey: challenger.key, rows: challengerRows.length },
      from: from.toISOString(),
      to: to.toISOString(),
      status,
      prediction,
      histogram,
    };
  }

  private async rows(
    manager: EntityManager,
    model: ModelRecord,
    from: Date,
    to: Date,
  ): Promise<SampleRow[]> {
    const rows = await receivedRows(manager, model.key, from, to);
    if (rows.length === 0) {
      throw new ComparisonNotPossibleError(
        `Model "${model.key}" received no rows from ${from.toISOString()} to ${to.toISOString()}.`,
      );
    }
    return rows;
  }
}

function requireComparablePredictions(champion: ModelRecord, challenger: ModelRecord): void {
  const ours = champion.spec.prediction;
  const theirs = challenger.spec.prediction;
  if (!ours) throw new ComparisonNotPossibleError(`Model "${champion.key}" has no prediction.`);
  if (!theirs) throw new ComparisonNotPossibleError(`Model "${challenger.key}" has no prediction.`);
  if (ours.kind !== theirs.kind) {
    throw new ComparisonNotPossibleError(
      `Model "${champion.key}" predicts ${ours.kind} values, "${challenger.key}" ${theirs.kind} ones.`,
    );
  }
}
