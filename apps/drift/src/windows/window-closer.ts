import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob } from '@tenantry/service-kit';
import { queryRows, sweepTenants } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ModelStore } from '../models/model-store';
import { bigintColumn } from '../row-columns';
import { lockDriftStatus, saveDriftStatus } from './drift-status-store';
import { driftWindowColumns, driftWindowRow, type DriftWindow } from './drift-window';
import { WindowJudge } from './window-judge';
import { recordWindowJudgement, type WindowJudgementRecord } from './window-metrics';

/** Injection token of the closer's interval in milliseconds (DRIFT_CLOSE_INTERVAL_MS). */
export const windowCloseIntervalMs = Symbol('windowCloseIntervalMs');

/** A model and segment with a window due, as the sweep finds it. */
interface DueSegment {
  tenant_id: string;
  model_key: string;
  segment: string;
}

/**
 * Judges due windows: every interval it sweeps the tenants for the models and segments with a
 * window due, then, per model and segment in that tenant's context and one transaction, locks the
 * status row and judges the due windows in index order. Several instances may run: the status row
 * lock makes each window judged once and in order per model and segment; a window locked by
 * ingestion is left, with every later one, for the next run.
 */
@Injectable()
export class WindowCloser extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly judge: WindowJudge,
    @Inject(windowCloseIntervalMs) intervalMs: number,
  ) {
    super('window closer', intervalMs);
  }

  protected runOnce(): Promise<void> {
    return this.closeDueWindows();
  }

  /**
   * Judges every window due now; a model and segment that fails (a database error, say: a window
   * that cannot be judged is closed by the judge) is reported and retried next run.
   */
  async closeDueWindows(): Promise<void> {
    await sweepTenants<DueSegment, WindowJudgementRecord[]>(
      this.dataSource,
      {
        discoverySql: `SELECT DISTINCT tenant_id, model_key, segment FROM drift.windows WHERE due_at <= now()`,
        actor: 'drift',
        afterCommit: (records) => records.forEach(recordWindowJudgement),
      },
      (manager, due) => this.closeSegment(manager, due),
    );
  }

  private async closeSegment(
    manager: EntityManager,
    { tenant_id: tenantId, model_key: modelKey, segment }: DueSegment,
  ): Promise<WindowJudgementRecord[]> {
    let stored = await lockDriftStatus(manager, tenantId, modelKey, segment);
    const model = await this.models.get(manager, modelKey);
    const records: WindowJudgementRecord[] = [];
    for (const window of await lockDueWindows(manager, modelKey, segment)) {
      const judgement = await this.judge.judge(manager, tenantId, model, stored, window);
      stored = judgement.status;
      records.push(judgement.record);
    }
    await saveDriftStatus(manager, modelKey, segment, stored);
    return records;
  }
}

// The due windows in index order up to the first one another transaction (ingestion folding late
// rows into it) holds: judging a later window first would feed the hysteresis out of order.
async function lockDueWindows(
  manager: EntityManager,
  modelKey: string,
  segment: string,
): Promise<DriftWindow[]> {
  const due = await queryRows(
    manager,
    z.object({ window_index: bigintColumn }),
    `SELECT window_index FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND due_at <= now()
      ORDER BY window_index`,
    [modelKey, segment],
  );
  const locked = await queryRows(
    manager,
    driftWindowRow,
    `SELECT ${driftWindowColumns} FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND due_at <= now()
      ORDER BY window_index
      FOR UPDATE SKIP LOCKED`,
    [modelKey, segment],
  );
  const byIndex = new Map(locked.map((window) => [window.windowIndex, window]));
  const windows: DriftWindow[] = [];
  for (const { window_index: index } of due) {
    const window = byIndex.get(index);
    if (!window) break;
    windows.push(window);
  }
  return windows;
}
