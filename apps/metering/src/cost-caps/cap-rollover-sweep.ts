import { Injectable } from '@nestjs/common';
import { PeriodicJob } from '@tenantry/service-kit';
import { sweepTenants, type SweepItem } from '@tenantry/tenant-context';
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
export class CapRolloverSweep extends PeriodicJob {
  constructor(private readonly dataSource: DataSource) {
    super('cost cap rollover sweep', sweepIntervalMs);
  }

  protected runOnce(): Promise<void> {
    return this.sweep(new Date());
  }

  /** Evaluates every open breaker as of `now`; the tenants whose breaker it could not evaluate are reported. */
  async sweep(now: Date): Promise<void> {
    await sweepTenants<SweepItem>(
      this.dataSource,
      {
        discoverySql: `SELECT tenant_id FROM (
           SELECT DISTINCT ON (tenant_id) tenant_id, state FROM metering.cost_cap_states
            ORDER BY tenant_id, period_id DESC) AS latest
          WHERE state = 'open'`,
        actor: 'metering',
      },
      async (manager, { tenant_id: tenantId }) => {
        await settleCostCap(manager, tenantId, now, 'check');
      },
    );
  }
}
