import { compareCodeUnits as compare } from '@tenantry/common';
import {
  addMeasurements,
  emptyBucket,
  latestTiebreak,
  type BucketState,
  type MeasuredValue,
  type Measurement,
} from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

/** One minute bucket of one meter, subject and group. */
export interface BucketKey {
  meterKey: string;
  meterVersion: number;
  bucketStart: Date;
  subject: string;
  groupKey: string;
}

/** What a set of events adds to buckets, merged in memory before one upsert per bucket. */
export class BucketDelta {
  private readonly buckets = new Map<
    string,
    { key: BucketKey; measured: MeasuredValue[]; distinct: Set<string> }
  >();

  /** Adds a measured event; UNIQUE_COUNT values are kept as distinct values beside a count. */
  add(
    measurement: Measurement,
    meterVersion: number,
    unique: boolean,
    event: { time: Date; source: string; id: string },
  ): void {
    const key: BucketKey = {
      meterKey: measurement.meterKey,
      meterVersion,
      bucketStart: measurement.bucketStart,
      subject: measurement.subject,
      groupKey: measurement.groupKey,
    };
    const id = JSON.stringify([key.meterKey, key.bucketStart.getTime(), key.subject, key.groupKey]);
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = { key, measured: [], distinct: new Set<string>() };
      this.buckets.set(id, bucket);
    }
    if (unique) bucket.distinct.add(measurement.value);
    bucket.measured.push({
      value: unique ? '1' : measurement.value,
      time: event.time,
      tiebreak: latestTiebreak(event.source, event.id),
    });
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Buckets in primary-key order, so concurrent writers lock rows in the same order. */
  entries(): Array<{ key: BucketKey; state: BucketState; distinct: Set<string> }> {
    return this.sorted().map(({ key, measured, distinct }) => ({
      key,
      state: addMeasurements(emptyBucket(), measured),
      distinct,
    }));
  }

  /** The keys of the buckets, in primary-key order. */
  keys(): BucketKey[] {
    return this.sorted().map(({ key }) => key);
  }

  private sorted() {
    return [...this.buckets.values()].sort(
      (a, b) =>
        compare(a.key.meterKey, b.key.meterKey) ||
        a.key.bucketStart.getTime() - b.key.bucketStart.getTime() ||
        compare(a.key.subject, b.key.subject) ||
        compare(a.key.groupKey, b.key.groupKey),
    );
  }
}

/**
 * Merges a delta into the stored buckets with one statement: counts and sums add, MIN/MAX
 * keep the extreme, LATEST keeps the later (time, then tiebreak by code point, then value,
 * as mergeBuckets does). Distinct values of UNIQUE_COUNT meters are inserted beside them.
 */
export async function applyBucketDelta(
  manager: EntityManager,
  tenantId: string,
  delta: BucketDelta,
): Promise<void> {
  if (delta.size === 0) return;
  const entries = delta.entries();
  const column = <T>(pick: (entry: (typeof entries)[number]) => T): T[] => entries.map(pick);
  await manager.query(
    `INSERT INTO metering.usage_buckets AS b
       (tenant_id, meter_key, meter_version, bucket_start, subject, group_key, count, sum, min, max, latest_value, latest_time, latest_tiebreak)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::numeric[], $8::numeric[],
                              $9::numeric[], $10::numeric[], $11::numeric[], $12::timestamptz[], $13::text[])
     ON CONFLICT (tenant_id, meter_key, bucket_start, subject, group_key) DO UPDATE SET
       count = b.count + EXCLUDED.count,
       sum = b.sum + EXCLUDED.sum,
       min = LEAST(b.min, EXCLUDED.min),
       max = GREATEST(b.max, EXCLUDED.max),
       (latest_value, latest_time, latest_tiebreak) = (
         SELECT v, t, k FROM (VALUES (b.latest_value, b.latest_time, b.latest_tiebreak),
                                     (EXCLUDED.latest_value, EXCLUDED.latest_time, EXCLUDED.latest_tiebreak)) AS l(v, t, k)
         ORDER BY t DESC NULLS LAST, k COLLATE "C" DESC, v DESC LIMIT 1)`,
    [
      tenantId,
      column((e) => e.key.meterKey),
      column((e) => e.key.meterVersion),
      column((e) => e.key.bucketStart),
      column((e) => e.key.subject),
      column((e) => e.key.groupKey),
      column((e) => e.state.count),
      column((e) => e.state.sum),
      column((e) => e.state.min),
      column((e) => e.state.max),
      column((e) => e.state.latest?.value ?? null),
      column((e) => e.state.latest?.time ?? null),
      column((e) => e.state.latest?.tiebreak ?? null),
    ],
  );
  const distinct = entries.flatMap((entry) =>
    [...entry.distinct].map((value) => ({ key: entry.key, value })),
  );
  if (distinct.length === 0) return;
  await manager.query(
    `INSERT INTO metering.usage_distinct_values (tenant_id, meter_key, bucket_start, subject, group_key, value)
     SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT DO NOTHING`,
    [
      tenantId,
      distinct.map((d) => d.key.meterKey),
      distinct.map((d) => d.key.bucketStart),
      distinct.map((d) => d.key.subject),
      distinct.map((d) => d.key.groupKey),
      distinct.map((d) => d.value),
    ],
  );
}
