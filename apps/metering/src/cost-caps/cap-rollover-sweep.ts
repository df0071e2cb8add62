import {
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
import { DataSource } from 'typeorm';
import { settleCostCap } from './cap-breaker';

/** How often open breakers are checked for a period that ended. */
const sweepIntervalMs = 60_000;

/**
 * Half-opens breakers when their billing period ends. A blocked tenant sends no usage, so the
 * usage observer alone would keep it blocked forever: every minute, each tenant whose latest
 * breaker state is open is evaluated (settleCostCap), which starts a new period's state and emits
 * cap.cleared when the new period's spend is under the cap. Several instances may sweep at once:
 * the state row makes each transition happen once.
 */
@Injectable()
export class CapRolloverSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CapRolloverSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep(new Date())
        .catch((error: unknown) => this.logger.error(`cost cap sweep failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Evaluates every open breaker as of `now`; the tenants whose breaker it could not evaluate are logged. */
  async sweep(now: Date): Promise<void> {
    const open = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.cap_sweep', 'on', true)`);
      return (await manager.query(
        `SELECT tenant_id FROM (
           SELECT DISTINCT ON (tenant_id) tenant_id, state FROM metering.cost_cap_states
            ORDER BY tenant_id, period_id DESC) AS latest
          WHERE state = 'open'`,
      )) as Array<{ tenant_id: string }>;
    });
    for (const { tenant_id: tenantId } of open) {
      await runWithTenantContext(newTenantContext({ tenantId, actor: 'metering' }), () =>
        inTenantTransaction(this.dataSource, (manager) =>
          settleCostCap(manager, tenantId, now, 'check'),
        ),
      ).catch((error: unknown) =>
        this.logger.error(`cost cap of ${tenantId} not evaluated: ${String(error)}`),
      );
    }
  }
}
