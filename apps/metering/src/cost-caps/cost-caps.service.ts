import { Injectable } from '@nestjs/common';
import { periodOf, type CostCap } from '@tenantry/metering-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { CurrencyMismatchError } from '../billing/currency-mismatch.error';
import { planVersions } from '../billing/plan-book';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { releaseCostCap, settleCostCap, type CapStatus } from './cap-breaker';
import { deleteCostCap, saveCostCap } from './cost-cap-store';
import { NoCostCapError } from './no-cost-cap.error';

/** The request tenant's cost cap: set, read and removed, each with the breaker brought up to date. */
@Injectable()
export class CostCapsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Sets the cap; the breaker half-opens and settles with it at once (a raised cap clears it). */
  async set(cap: CostCap, actor: string): Promise<CapStatus> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const now = new Date();
      await this.assertPlanCurrency(manager, cap, now);
      await saveCostCap(manager, tenantId, cap, actor);
      return (await settleCostCap(manager, tenantId, now, 'cap-changed'))!;
    });
  }

  /** The cap, the current period's spend and the breaker's state; 404 without a cap. */
  async read(): Promise<CapStatus> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const status = await settleCostCap(manager, tenantId, new Date(), 'check');
      if (status === undefined) throw new NoCostCapError();
      return status;
    });
  }

  /** Removes the cap; an open breaker closes (cap.cleared). 404 without a cap. */
  async remove(): Promise<void> {
    await inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const status = await settleCostCap(manager, tenantId, new Date(), 'check');
      if (status === undefined) throw new NoCostCapError();
      await releaseCostCap(manager, tenantId, status);
      await deleteCostCap(manager);
    });
  }

  /** Spend is priced in the plan's currency: the cap must be in it, now and in plan versions to come. */
  private async assertPlanCurrency(manager: EntityManager, cap: CostCap, now: Date): Promise<void> {
    const { timeZone } = await loadTenantSettings(manager);
    const current = periodOf(now, timeZone).id;
    const versions = await planVersions(manager);
    const inEffect = versions.find((version) => version.effectiveFrom <= current);
    const relevant = versions.filter(
      (version) => version === inEffect || version.effectiveFrom > current,
    );
    const other = relevant.find((version) => version.plan.currency !== cap.currency);
    if (other !== undefined) {
      throw new CurrencyMismatchError(
        `Version ${other.version} of the plan (from ${other.effectiveFrom}) bills in ${other.plan.currency}; the cap must be in that currency.`,
      );
    }
  }
}
