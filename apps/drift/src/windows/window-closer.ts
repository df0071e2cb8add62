import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  inTenantTransaction,
  newTenantContext,
  runWithTenantContext,
} from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { ModelStore } from '../models/model-store';
import { lockDriftStatus, saveDriftStatus } from './drift-status-store';
import {
  driftWindowColumns,
  driftWindowOf,
  type DriftWindow,
  type DriftWindowRow,
} from './drift-window';
import { WindowJudge } from './window-judge';
import { recordWindowJudgement, type WindowJudgementRecord } from './window-metrics';

/** Injection token of the closer's interval in milliseconds (DRIFT_CLOSE_INTERVAL_MS). */
export const windowCloseIntervalMs = Symbol('windowCloseIntervalMs');

/**
 * Judges due windows: every interval (never two runs at once, stopped on shutdown) it finds the
 * models and segments of every tenant with a window due, then, per model and segment in that
 * tenant's context and one transaction, locks the status row and judges the due windows in index
 * order. Several instances may run: the status row lock makes each window judged once and in order
 * per model and segment; a window locked by ingestion is left, with every later one, for the next run.
 */
@Injectable()
export class WindowCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WindowCloser.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly judge: WindowJudge,
    @Inject(windowCloseIntervalMs) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.closeDueWindows()
        .catch((error: unknown) => this.logger.error(`window close failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Judges every window due now; a model and segment that fails (a database error, say: a window
   * that cannot be judged is closed by the judge) is logged and retried next run.
   */
  async closeDueWindows(): Promise<void> {
    const due = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.window_sweep', 'on', true)`);
      return (await manager.query(
        `SELECT DISTINCT tenant_id, model_key, segment FROM drift.windows WHERE due_at <= now()`,
      )) as Array<{ tenant_id: string; model_key: string; segment: string }>;
    });
    for (const { tenant_id: tenantId, model_key: modelKey, segment } of due) {
      await runWithTenantContext(newTenantContext({ tenantId, actor: 'drift' }), () =>
        this.closeSegment(tenantId, modelKey, segment),
      ).catch((error: unknown) =>
        this.logger.error(
          `windows of ${tenantId}/${modelKey} segment "${segment}" not judged: ${String(error)}`,
        ),
      );
    }
  }

  private async closeSegment(tenantId: string, modelKey: string, segment: string): Promise<void> {
    const records = await inTenantTransaction(
      this.dataSource,
      async (manager) => {
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
      },
      tenantId,
    );
    records.forEach(recordWindowJudgement);
  }
}

// The due windows in index order up to the first one another transaction (ingestion folding late
// rows into it) holds: judging a later window first would feed the hysteresis out of order.
async function lockDueWindows(
  manager: EntityManager,
  modelKey: string,
  segment: string,
): Promise<DriftWindow[]> {
  const due = (await manager.query(
    `SELECT window_index FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND due_at <= now()
      ORDER BY window_index`,
    [modelKey, segment],
  )) as Array<{ window_index: string }>;
  const locked = (await manager.query(
    `SELECT ${driftWindowColumns} FROM drift.windows
      WHERE model_key = $1 AND segment = $2 AND due_at <= now()
      ORDER BY window_index
      FOR UPDATE SKIP LOCKED`,
    [modelKey, segment],
  )) as DriftWindowRow[];
  const byIndex = new Map(locked.map((row) => [row.window_index, row]));
  const windows: DriftWindow[] = [];
  for (const { window_index: index } of due) {
    const row = byIndex.get(index);
    if (!row) break;
    windows.push(driftWindowOf(row));
  }
  return windows;
}
