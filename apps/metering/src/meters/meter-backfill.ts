import { measure, type CompiledMeter } from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { applyBucketDelta, BucketDelta } from '../ingest/usage-buckets';
import type { UsageChange } from '../ingest/usage-observer';

/** What a new meter found among the tenant's stored events. */
export const meterBackfillSchema = z.object({
  events: z.number().int().describe("stored, not voided events of the meter's type"),
  measured: z.number().int().describe("events added to the meter's buckets"),
  unmeasurable: z
    .number()
    .int()
    .describe(
      'events of the type the meter cannot measure (a missing or non-numeric value): not counted',
    ),
  unmeasurableExamples: z
    .array(z.object({ source: z.string(), id: z.string(), reason: z.string() }))
    .max(10)
    .describe('up to ten of them, with the reason'),
});

/** What a new meter found among the tenant's stored events. */
export type MeterBackfill = z.output<typeof meterBackfillSchema>;

const eventRow = z.object({
  source: z.string(),
  event_id: z.string(),
  subject: z.string(),
  time: z.date(),
  data: z.unknown(),
});

/** Events read and measured per round trip. */
const chunkSize = 5_000;
const maxExamples = 10;

/**
 * Measures the transaction tenant's stored events of the meter's type into its buckets, in
 * chunks in (time, source, id) order. Events the meter cannot measure stay uncounted (they
 * were accepted when no meter needed their value); they are counted in the answer. Returns
 * the buckets that moved, for the usage observers.
 */
export async function backfillMeter(
  manager: EntityManager,
  tenantId: string,
  meter: CompiledMeter,
  meterVersion: number,
): Promise<{ backfill: MeterBackfill; buckets: UsageChange['buckets'] }> {
  const backfill: MeterBackfill = {
    events: 0,
    measured: 0,
    unmeasurable: 0,
    unmeasurableExamples: [],
  };
  const moved = new Map<number, Date>();
  const unique = meter.aggregation === 'UNIQUE_COUNT';
  let after: { time: Date; source: string; id: string } | undefined;
  for (;;) {
    const events = await queryRows(
      manager,
      eventRow,
      `SELECT source, event_id, subject, time, data FROM metering.events
        WHERE type = $1 AND voided_at IS NULL
          AND ($2::timestamptz IS NULL OR (time, source COLLATE "C", event_id COLLATE "C") > ($2, $3, $4))
        ORDER BY time, source COLLATE "C", event_id COLLATE "C"
        LIMIT ${chunkSize}`,
      [meter.eventType, after?.time ?? null, after?.source ?? null, after?.id ?? null],
    );
    const delta = new BucketDelta();
    for (const event of events) {
      backfill.events++;
      const measured = measure(meter, {
        type: meter.eventType,
        subject: event.subject,
        time: event.time,
        data: event.data,
      });
      if (measured.kind === 'measured') {
        backfill.measured++;
        delta.add(measured, meterVersion, unique, {
          time: event.time,
          source: event.source,
          id: event.event_id,
        });
        moved.set(measured.bucketStart.getTime(), measured.bucketStart);
      } else if (measured.kind === 'rejected') {
        backfill.unmeasurable++;
        if (backfill.unmeasurableExamples.length < maxExamples) {
          backfill.unmeasurableExamples.push({
            source: event.source,
            id: event.event_id,
            reason: measured.reason,
          });
        }
      }
    }
    await applyBucketDelta(manager, tenantId, delta);
    const last = events.at(-1);
    if (last === undefined || events.length < chunkSize) break;
    after = { time: last.time, source: last.source, id: last.event_id };
  }
  const buckets = [...moved.values()]
    .sort((a, b) => a.getTime() - b.getTime())
    .map((bucketStart) => ({ meterKey: meter.key, bucketStart }));
  return { backfill, buckets };
}
