import { Injectable, type OnModuleInit } from '@nestjs/common';
import { periodOf, unbilledUsage, type BillingPeriod } from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { UsageObservers, type UsageChange, type UsageObserver } from '../ingest/usage-observer';
import { meterAggregations } from '../meters/meter-aggregations';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import { holdAdjustmentLock, shareInvoicingLock } from './billing-locks';
import {
  closedPeriodsSince,
  loadFinalizedInvoices,
  type FinalizedInvoice,
} from './finalized-invoices';

// Every IANA zone is within 14 hours of UTC: the UTC month of an instant 14 hours earlier is never
// later than the instant's billing period in any zone.
const widestZoneOffsetMs = 14 * 3_600_000;

interface EventId {
  source: string;
  id: string;
}

/** A meter of a finalized period whose usage moved. */
interface MovedUsage {
  finalized: FinalizedInvoice;
  meterKey: string;
  /** The late event that moved it, if a late event did (else a correction did). */
  lateEvent?: EventId;
}

/**
 * Turns usage that reaches a closed period — late events, voids and amends — into invoice
 * adjustments, inside the transaction that moved it: for each meter the closed period's plan
 * charges, the period's usage now minus what was invoiced and adjusted so far. The difference of
 * totals stays right for every aggregation; the next invoice bills it (never a rewrite of the
 * closed one). Redelivered events move no bucket, so they adjust nothing.
 */
@Injectable()
export class LateUsageAdjuster implements UsageObserver, OnModuleInit {
  constructor(private readonly observers: UsageObservers) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  async afterUsage(manager: EntityManager, change: UsageChange): Promise<void> {
    if (change.buckets.length === 0) return;
    await shareInvoicingLock(manager);
    const earliest = change.buckets.reduce(
      (min, { bucketStart }) => Math.min(min, bucketStart.getTime()),
      Number.POSITIVE_INFINITY,
    );
    const closed = await closedPeriodsSince(
      manager,
      new Date(earliest - widestZoneOffsetMs).toISOString().slice(0, 7),
    );
    if (closed.size === 0) return;

    const { timeZone } = await loadTenantSettings(manager);
    const touched = new Map<string, { periodId: string; meterKey: string; lateEvent?: EventId }>();
    let period: BillingPeriod | undefined;
    for (const { meterKey, bucketStart } of change.buckets) {
      if (period === undefined || bucketStart < period.start || bucketStart >= period.end) {
        period = periodOf(bucketStart, timeZone);
      }
      if (!closed.has(period.id)) continue;
      const { start, end } = period;
      const lateEvent = change.lateEvents.find(({ time }) => time >= start && time < end);
      touched.set(JSON.stringify([period.id, meterKey]), {
        periodId: period.id,
        meterKey,
        lateEvent,
      });
    }
    if (touched.size === 0) return;
    const invoices = await loadFinalizedInvoices(manager, [
      ...new Set([...touched.values()].map(({ periodId }) => periodId)),
    ]);
    const moved = [...touched.values()].flatMap(({ periodId, meterKey, lateEvent }) => {
      const finalized = invoices.get(periodId)!;
      // Usage of a meter that period's plan did not charge bills nothing.
      return meterKey in finalized.usage ? [{ finalized, meterKey, lateEvent }] : [];
    });
    if (moved.length === 0) return;

    await holdAdjustmentLock(manager);
    for (const usage of moved) await this.adjust(manager, change.tenantId, usage);
  }

  private async adjust(
    manager: EntityManager,
    tenantId: string,
    { finalized, meterKey, lateEvent }: MovedUsage,
  ): Promise<void> {
    const invoiced = finalized.usage[meterKey]!;
    const start = new Date(finalized.periodStart);
    const end = new Date(finalized.periodEnd);
    // A meter created after the close has usage now that was 0 then; read it as it counts now.
    const aggregation =
      invoiced.aggregation ??
      (await meterAggregations(manager, [meterKey], new Date(end.getTime() - 1))).get(meterKey);
    if (aggregation === undefined) return;
    const usageNow = await periodUsage(manager, meterKey, aggregation, start, end);
    const recorded = await queryRows(
      manager,
      z.object({ quantity: z.string() }),
      `SELECT quantity::text FROM metering.invoice_adjustments
        WHERE original_period_id = $1 AND meter_key = $2`,
      [finalized.periodId, meterKey],
    );
    const quantity = unbilledUsage(
      usageNow,
      invoiced.quantity,
      recorded.map((row) => row.quantity),
    );
    if (quantity === '0') return;
    await manager.query(
      `INSERT INTO metering.invoice_adjustments
         (tenant_id, meter_key, original_period_id, quantity, reason, source, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tenantId,
        meterKey,
        finalized.periodId,
        quantity,
        lateEvent === undefined ? 'correction' : 'late event',
        lateEvent?.source ?? null,
        lateEvent?.id ?? null,
      ],
    );
  }
}
