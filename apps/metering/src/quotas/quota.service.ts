import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  balance,
  grantSchema,
  quotaPeriodOf,
  type QuotaBalance,
  type QuotaPolicy,
} from '@tenantry/metering-core';
import { currentTenantContext, inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import { loadGrants, recordGrant, type StoredGrant } from './grant-store';
import { meterAggregations } from '../meters/meter-aggregations';
import { MeterNotFoundError } from '../meters/meter-not-found.error';
import { QuotaNotFoundError } from './quota-not-found.error';
import { QuotaNotifier } from './quota-notifier';
import {
  loadQuotaPolicies,
  removeQuotaPolicy,
  saveQuotaPolicy,
  type StoredQuotaPolicy,
} from './quota-policy-store';

/** A grant as POST /v1/quotas/{meterKey}/grants takes it; id and effectiveAt have defaults. */
export interface GrantRequest {
  id?: string | undefined;
  amount: string;
  effectiveAt?: Date | undefined;
  expiresAt?: Date | undefined;
  reason: string;
}

/** Where a quota stands now: the balance of its current period. */
export interface CurrentQuotaBalance extends QuotaBalance {
  meterKey: string;
  enforcement: QuotaPolicy['enforcement'];
  period: { id: string; start: Date; end: Date };
}

/** The quotas of the caller's tenant: policies, grants and balances. */
@Injectable()
export class QuotaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: QuotaNotifier,
  ) {}

  list(): Promise<StoredQuotaPolicy[]> {
    return inTenantTransaction(this.dataSource, (manager) => loadQuotaPolicies(manager));
  }

  /** Sets the quota of an existing meter; notices its current period calls for go out at once. */
  set(policy: QuotaPolicy): Promise<StoredQuotaPolicy> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await requireMeter(manager, policy.meterKey);
      const stored = await saveQuotaPolicy(manager, tenantId, policy, actor());
      await this.notifier.assessCurrentPeriod(manager, tenantId, stored.policy, new Date());
      return stored;
    });
  }

  remove(meterKey: string): Promise<void> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      if (!(await removeQuotaPolicy(manager, meterKey))) throw new QuotaNotFoundError(meterKey);
    });
  }

  /**
   * Records a grant on a quota (id default a UUID, effectiveAt default now); the same grant sent
   * again answers `created: false`.
   */
  grant(
    meterKey: string,
    request: GrantRequest,
  ): Promise<{ grant: StoredGrant; created: boolean }> {
    const grant = grantSchema.parse({
      id: request.id ?? randomUUID(),
      amount: request.amount,
      effectiveAt: request.effectiveAt ?? new Date(),
      ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
    });
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await requireQuota(manager, meterKey);
      return recordGrant(manager, tenantId, meterKey, grant, request.reason, actor());
    });
  }

  grants(meterKey: string): Promise<StoredGrant[]> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      await requireQuota(manager, meterKey);
      return loadGrants(manager, [meterKey]);
    });
  }

  /** The balance of the quota in its period containing `now` (the tenant's time zone). */
  balance(meterKey: string, now: Date = new Date()): Promise<CurrentQuotaBalance> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const { policy } = await requireQuota(manager, meterKey);
      const { timeZone } = await loadTenantSettings(manager);
      const period = quotaPeriodOf(policy, now, timeZone);
      const aggregation = (await meterAggregations(manager, [meterKey], now)).get(meterKey);
      const used =
        aggregation === undefined
          ? '0'
          : await periodUsage(manager, meterKey, aggregation, period.start, period.end);
      const grants = await loadGrants(manager, [meterKey]);
      return {
        meterKey,
        enforcement: policy.enforcement,
        period: { id: period.id, start: period.start, end: period.end },
        ...balance(policy, grants, used, now),
      };
    });
  }
}

async function requireMeter(manager: EntityManager, meterKey: string): Promise<void> {
  const aggregations = await meterAggregations(manager, [meterKey], new Date());
  if (!aggregations.has(meterKey)) throw new MeterNotFoundError(meterKey);
}

async function requireQuota(manager: EntityManager, meterKey: string): Promise<StoredQuotaPolicy> {
  const [stored] = await loadQuotaPolicies(manager, [meterKey]);
  if (!stored) throw new QuotaNotFoundError(meterKey);
  return stored;
}

/** Who changes quotas, for the records: the authenticated caller. */
function actor(): string {
  const caller = currentTenantContext()?.actor;
  if (!caller) throw new Error('No actor in context: the request is not authenticated');
  return caller;
}
