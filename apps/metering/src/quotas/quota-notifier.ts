import { Injectable, type OnModuleInit } from '@nestjs/common';
import { enqueueEvents, outgoing, type OutgoingEvent } from '@tenantry/messaging';
import {
  dueQuotaNotices,
  entitlement,
  quotaEventKey,
  quotaJudgedAt,
  quotaPeriodOf,
  quotaPeriodSettled,
  type BillingPeriod,
  type QuotaNotice,
  type QuotaNoticesSent,
  type QuotaPolicy,
} from '@tenantry/metering-core';
import { quotaExhausted, quotaReset, quotaThresholdCrossed } from '@tenantry/schemas';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { UsageObservers, type UsageChange, type UsageObserver } from '../ingest/usage-observer';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import { loadGrants } from './grant-store';
import { meterAggregations } from '../meters/meter-aggregations';
import { loadQuotaPolicies } from './quota-policy-store';
import { meteringEventSource } from '../metering-event-source';

// metering.quota_notices keys a notice by its threshold; a period's `reset` takes 0, which no
// threshold can be (thresholds are positive).
const resetThreshold = 0;

/** One quota period of one meter to assess. */
interface QuotaPeriod {
  policy: QuotaPolicy;
  period: BillingPeriod;
  previousPeriodId: string;
}

/** A notice the period calls for and the figures its event reports. */
interface DueNotice extends QuotaPeriod {
  notice: QuotaNotice;
  threshold: number;
  used: string;
  entitlement: string;
}

/**
 * Emits metering.quota.v1 events as usage moves, inside the transaction that moved it: for each
 * quota period the changed buckets fall in, the period's usage now, the thresholds it reached
 * and the period's `reset`, each inserted into metering.quota_notices under its unique key; an
 * event goes to the outbox only for a row the insert created. Redelivered or replayed usage
 * moves no bucket, and a notice already given is never given again: exactly once per
 * threshold per period.
 */
@Injectable()
export class QuotaNotifier implements UsageObserver, OnModuleInit {
  constructor(private readonly observers: UsageObservers) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  async afterUsage(manager: EntityManager, change: UsageChange): Promise<void> {
    const meterKeys = [...new Set(change.buckets.map((bucket) => bucket.meterKey))];
    if (meterKeys.length === 0) return;
    const policies = await loadQuotaPolicies(manager, meterKeys);
    if (policies.length === 0) return;
    const { timeZone } = await loadTenantSettings(manager);
    const periods = policies.flatMap(({ policy }) => {
      const touched = new Map<string, BillingPeriod>();
      for (const { meterKey, bucketStart } of change.buckets) {
        if (meterKey !== policy.meterKey) continue;
        const period = quotaPeriodOf(policy, bucketStart, timeZone);
        touched.set(period.id, period);
      }
      return [...touched.values()].map((period) => quotaPeriod(policy, period, timeZone));
    });
    await this.assess(manager, change.tenantId, periods, new Date());
  }

  /** Gives the notices the current period of `policy` calls for (its limit may just have changed). */
  async assessCurrentPeriod(
    manager: EntityManager,
    tenantId: string,
    policy: QuotaPolicy,
    now: Date,
  ): Promise<void> {
    const { timeZone } = await loadTenantSettings(manager);
    const period = quotaPeriodOf(policy, now, timeZone);
    await this.assess(manager, tenantId, [quotaPeriod(policy, period, timeZone)], now);
  }

  private async assess(
    manager: EntityManager,
    tenantId: string,
    periods: QuotaPeriod[],
    now: Date,
  ): Promise<void> {
    const meterKeys = [...new Set(periods.map(({ policy }) => policy.meterKey))].sort();
    // Two transactions adding usage to different buckets of one meter would each miss the
    // other's usage; one at a time per meter, each sees what the others committed.
    for (const meterKey of meterKeys) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `metering.quota:${tenantId}:${meterKey}`,
      ]);
    }
    const given = await this.noticesGiven(manager, periods);
    const aggregations = await meterAggregations(manager, meterKeys, now);
    const grants = await loadGrants(manager, meterKeys);
    const due: DueNotice[] = [];
    for (const quota of periods) {
      const { policy, period } = quota;
      const sent: QuotaNoticesSent = {
        thisPeriod: given.get(noticeKey(policy.meterKey, period.id)) ?? [],
        previousPeriod: given.get(noticeKey(policy.meterKey, quota.previousPeriodId)) ?? [],
      };
      const aggregation = aggregations.get(policy.meterKey);
      if (quotaPeriodSettled(policy, sent) || aggregation === undefined) continue;

      const used = await periodUsage(
        manager,
        policy.meterKey,
        aggregation,
        period.start,
        period.end,
      );
      const allowed = entitlement(
        policy,
        grants.filter((grant) => grant.meterKey === policy.meterKey),
        quotaJudgedAt(period, now),
      );
      for (const notice of dueQuotaNotices(policy, used, allowed, sent)) {
        const threshold = notice.kind === 'reset' ? resetThreshold : notice.threshold;
        due.push({ ...quota, notice, threshold, used, entitlement: allowed });
      }
    }
    if (due.length === 0) return;

    const recorded = await queryRows(
      manager,
      z.object({ meter_key: z.string(), period_id: z.string(), threshold: z.string() }),
      `INSERT INTO metering.quota_notices (tenant_id, meter_key, period_id, threshold, kind)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[], $5::text[])
       ON CONFLICT DO NOTHING
       RETURNING meter_key, period_id, threshold::text AS threshold`,
      [
        tenantId,
        due.map(({ policy }) => policy.meterKey),
        due.map(({ period }) => period.id),
        due.map(({ threshold }) => String(threshold)),
        due.map(({ notice }) => notice.kind),
      ],
    );
    const created = new Set(
      recorded.map((row) => thresholdKey(row.meter_key, row.period_id, Number(row.threshold))),
    );
    const events: OutgoingEvent[] = due
      .filter((notice) =>
        created.has(thresholdKey(notice.policy.meterKey, notice.period.id, notice.threshold)),
      )
      .map((notice) => quotaEvent(tenantId, notice));
    await enqueueEvents(manager, events);
  }

  /** The notices given so far in the periods and their previous periods, by meter and period. */
  private async noticesGiven(
    manager: EntityManager,
    periods: QuotaPeriod[],
  ): Promise<Map<string, QuotaNotice[]>> {
    const wanted = periods.flatMap(({ policy, period, previousPeriodId }) => [
      [policy.meterKey, period.id],
      [policy.meterKey, previousPeriodId],
    ]);
    const rows = await queryRows(
      manager,
      z.object({
        meter_key: z.string(),
        period_id: z.string(),
        threshold: z.string(),
        kind: z.enum(['threshold.crossed', 'exhausted', 'reset']),
      }),
      `SELECT meter_key, period_id, threshold::text AS threshold, kind FROM metering.quota_notices
        WHERE (meter_key, period_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [wanted.map(([meterKey]) => meterKey), wanted.map(([, periodId]) => periodId)],
    );
    const given = new Map<string, QuotaNotice[]>();
    for (const row of rows) {
      const key = noticeKey(row.meter_key, row.period_id);
      const notices = given.get(key) ?? [];
      notices.push(
        row.kind === 'reset'
          ? { kind: 'reset' }
          : { kind: row.kind, threshold: Number(row.threshold) },
      );
      given.set(key, notices);
    }
    return given;
  }
}

function quotaPeriod(policy: QuotaPolicy, period: BillingPeriod, timeZone: string): QuotaPeriod {
  const previous = quotaPeriodOf(policy, new Date(period.start.getTime() - 1), timeZone);
  return { policy, period, previousPeriodId: previous.id };
}

/** The event of a notice; its id is the notice's exactly-once key, so copies share one ce_id. */
function quotaEvent(tenantId: string, due: DueNotice): OutgoingEvent {
  const { policy, period, notice } = due;
  const figures = {
    tenantId,
    meterKey: policy.meterKey,
    periodId: period.id,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
  };
  const judged = { used: due.used, entitlement: due.entitlement, enforcement: policy.enforcement };
  const attributes = {
    id: quotaEventKey({
      tenantId,
      meterKey: policy.meterKey,
      periodId: period.id,
      ...(notice.kind === 'reset'
        ? { type: quotaReset.type }
        : {
            type: notice.kind === 'exhausted' ? quotaExhausted.type : quotaThresholdCrossed.type,
            threshold: notice.threshold,
          }),
    }),
    source: meteringEventSource,
    subject: policy.meterKey,
    tenantid: tenantId,
  };
  return notice.kind === 'reset'
    ? outgoing(
        quotaReset,
        { ...figures, previousPeriodId: due.previousPeriodId, ...judged },
        attributes,
      )
    : notice.kind === 'exhausted'
      ? outgoing(quotaExhausted, { ...figures, threshold: notice.threshold, ...judged }, attributes)
      : outgoing(
          quotaThresholdCrossed,
          { ...figures, threshold: notice.threshold, ...judged },
          attributes,
        );
}

function noticeKey(meterKey: string, periodId: string): string {
  return JSON.stringify([meterKey, periodId]);
}

function thresholdKey(meterKey: string, periodId: string, threshold: number): string {
  return JSON.stringify([meterKey, periodId, threshold]);
}
