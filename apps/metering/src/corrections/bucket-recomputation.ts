import { compareCodeUnits as compare } from '@tenantry/common';
import { eventMeasurements, type MeterCatalog } from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { applyBucketDelta, BucketDelta, type BucketKey } from '../ingest/usage-buckets';

const rawEventRow = z.object({
  source: z.string(),
  event_id: z.string(),
  subject: z.string(),
  time: z.date(),
  data: z.unknown(),
});

/**
 * Rebuilds minute buckets of events of `eventType` from the raw events, as if the events now
 * stored (not voided, with their current data) had been ingested afresh: MIN, MAX, LATEST and
 * UNIQUE_COUNT cannot take a measurement back, so the buckets are recomputed, not decremented.
 * Each bucket is measured with the meter version in effect at its minute.
 *
 * The buckets are locked first (a placeholder is inserted where none exists), in primary-key
 * order like ingestion: a concurrent ingestion into them waits and adds its usage after this
 * commits, and what one committed before is among the raw events read here, so nothing is
 * counted twice or lost.
 */
export async function recomputeBuckets(
  manager: EntityManager,
  tenantId: string,
  eventType: string,
  buckets: readonly BucketKey[],
  meters: MeterCatalog,
): Promise<void> {
  const keys = uniqueInKeyOrder(buckets);
  if (keys.length === 0) return;
  const columns = {
    meterKey: keys.map((key) => key.meterKey),
    bucketStart: keys.map((key) => key.bucketStart),
    subject: keys.map((key) => key.subject),
    groupKey: keys.map((key) => key.groupKey),
  };
  await manager.query(
    `INSERT INTO metering.usage_buckets AS b (tenant_id, meter_key, meter_version, bucket_start, subject, group_key, count, sum)
     SELECT $1, k.*, 0, 0 FROM unnest($2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[]) AS k
     ON CONFLICT (tenant_id, meter_key, bucket_start, subject, group_key) DO UPDATE SET count = b.count`,
    [
      tenantId,
      columns.meterKey,
      keys.map((key) => key.meterVersion),
      columns.bucketStart,
      columns.subject,
      columns.groupKey,
    ],
  );
  const keyList = `SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[])`;
  const keyParameters = [columns.meterKey, columns.bucketStart, columns.subject, columns.groupKey];
  await manager.query(
    `DELETE FROM metering.usage_buckets WHERE (meter_key, bucket_start, subject, group_key) IN (${keyList})`,
    keyParameters,
  );
  await manager.query(
    `DELETE FROM metering.usage_distinct_values WHERE (meter_key, bucket_start, subject, group_key) IN (${keyList})`,
    keyParameters,
  );

  const wanted = new Set(keys.map(bucketId));
  const minutes = [...new Set(keys.map((key) => key.bucketStart.getTime()))].map(
    (minute) => new Date(minute),
  );
  const events = await queryRows(
    manager,
    rawEventRow,
    `SELECT e.source, e.event_id, e.subject, e.time, e.data
       FROM metering.events e
       JOIN unnest($2::timestamptz[]) AS m(start)
         ON e.time >= m.start AND e.time < m.start + interval '1 minute'
      WHERE e.type = $1 AND e.voided_at IS NULL AND e.subject = ANY($3::text[])`,
    [eventType, minutes, [...new Set(columns.subject)]],
  );

  const delta = new BucketDelta();
  for (const event of events) {
    // A meter that cannot measure the event never counted it: the rejection is no concern here.
    const { measurements } = eventMeasurements(meters, {
      type: eventType,
      subject: event.subject === '' ? undefined : event.subject,
      time: event.time,
      data: event.data,
    });
    for (const { measurement: measured, meter } of measurements) {
      if (!wanted.has(bucketId({ ...measured, meterVersion: meter.version }))) continue;
      delta.add(measured, meter.version, meter.meter.aggregation === 'UNIQUE_COUNT', {
        time: event.time,
        source: event.source,
        id: event.event_id,
      });
    }
  }
  await applyBucketDelta(manager, tenantId, delta);
}

function bucketId(key: BucketKey): string {
  return JSON.stringify([key.meterKey, key.bucketStart.getTime(), key.subject, key.groupKey]);
}

function uniqueInKeyOrder(buckets: readonly BucketKey[]): BucketKey[] {
  const unique = new Map(buckets.map((key) => [bucketId(key), key]));
  return [...unique.values()].sort(
    (a, b) =>
      compare(a.meterKey, b.meterKey) ||
      a.bucketStart.getTime() - b.bucketStart.getTime() ||
      compare(a.subject, b.subject) ||
      compare(a.groupKey, b.groupKey),
  );
}
