import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { balance, grantSchema, quotaPeriodOf, type QuotaPolicy } from '@tenantry/metering-core';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { meterAggregations } from '../meters/meter-aggregations';
import { MeterNotFoundError } from '../meters/meter-not-found.error';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import {
  grantPage,
  grantPosition,
  grantPositionSchema,
  loadGrants,
  recordGrant,
} from './grant-store';
import { QuotaNotFoundError } from './quota-not-found.error';
import { QuotaNotifier } from './quota-notifier';
import {
  loadQuotaPolicies,
  quotaPolicyPage,
  removeQuotaPolicy,
  saveQuotaPolicy,
  type StoredQuotaPolicy,
} from './quota-policy-store';
import {
  grantView,
  quotaBalanceView,
  quotaView,
  type GrantView,
  type QuotaBalanceView,
  type QuotaView,
} from './quota-views';

/** A grant as POST /v1/quotas/{meterKey}/grants takes it; id and effectiveAt have defaults. */
export interface GrantRequest {
  id?: string | undefined;
  amount: string;
  effectiveAt?: Date | undefined;
  expiresAt?: Date | undefined;
  reason: string;
}

/** One page of a list: how many, after which cursor. */
interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** The quotas of the caller's tenant: policies, grants and balances. */
@Injectable()
export class QuotaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: QuotaNotifier,
  ) {}

  /** A page of the quotas, by meter key. */
  async list({ limit, cursor }: PageRequest): Promise<Page<QuotaView>> {
    const after = cursor === undefined ? undefined : decodePageCursor(z.string(), cursor);
    const policies = await inTenantTransaction(this.dataSource, (manager) =>
      quotaPolicyPage(manager, after, limit + 1),
    );
    return pageOf(policies, limit, quotaView, (stored) => stored.policy.meterKey);
  }

  /** Sets the quota of an existing meter; notices its current period calls for go out at once. */
  set(policy: QuotaPolicy, actor: string): Promise<QuotaView> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await requireMeter(manager, policy.meterKey);
      const stored = await saveQuotaPolicy(manager, tenantId, policy, actor);
      await this.notifier.assessCurrentPeriod(manager, tenantId, stored.policy, new Date());
      return quotaView(stored);
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
    actor: string,
  ): Promise<{ grant: GrantView; created: boolean }> {
    const now = new Date();
    const grant = grantSchema.parse({
      id: request.id ?? randomUUID(),
      amount: request.amount,
      effectiveAt: request.effectiveAt ?? now,
      ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
    });
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      await requireQuota(manager, meterKey);
      const recorded = await recordGrant(manager, tenantId, meterKey, grant, request.reason, actor);
      return { grant: grantView(recorded.grant, now), created: recorded.created };
    });
  }

  /** A page of the grants on a quota, by effective time and id. */
  async grants(meterKey: string, { limit, cursor }: PageRequest): Promise<Page<GrantView>> {
    const after = cursor === undefined ? undefined : decodePageCursor(grantPositionSchema, cursor);
    const now = new Date();
    const grants = await inTenantTransaction(this.dataSource, async (manager) => {
      await requireQuota(manager, meterKey);
      return grantPage(manager, meterKey, after, limit + 1);
    });
    return pageOf(grants, limit, (grant) => grantView(grant, now), grantPosition);
  }

  /** The balance of the quota in its period containing `now` (the tenant's time zone). */
  balance(meterKey: string, now: Date = new Date()): Promise<QuotaBalanceView> {
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
      return quotaBalanceView(
        meterKey,
        policy.enforcement,
        period,
        balance(policy, grants, used, now),
      );
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
