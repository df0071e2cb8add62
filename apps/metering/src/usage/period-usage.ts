import {
  bucketResult,
  parseUsageDecimal,
  usageDecimalString,
  type Aggregation,
  type BucketState,
} from '@tenantry/metering-core';
import { queryRow } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/**
 * A meter's usage over [start, end) (a billing or quota period) from its minute buckets, as
 * core bucketResult defines each aggregation over the merged buckets: SUM and COUNT add up,
 * AVG is sum / count, MIN/MAX the extremes, LATEST the latest value, UNIQUE_COUNT the distinct
 * values of the whole range. '0' when the range holds no usage. Row-level security of the
 * transaction picks the tenant.
 */
export async function periodUsage(
  manager: EntityManager,
  meterKey: string,
  aggregation: Aggregation,
  start: Date,
  end: Date,
): Promise<string> {
  const totals = (await queryRow(
    manager,
    z.object({
      count: z.string(),
      sum: z.string(),
      min: z.string().nullable(),
      max: z.string().nullable(),
    }),
    `SELECT coalesce(sum(count), 0)::text AS count, coalesce(sum(sum), 0)::text AS sum,
            min(min)::text AS min, max(max)::text AS max
       FROM metering.usage_buckets
      WHERE meter_key = $1 AND bucket_start >= $2 AND bucket_start < $3`,
    [meterKey, start, end],
  ))!;
  const state: BucketState = {
    count: totals.count,
    sum: decimal(totals.sum),
    min: totals.min === null ? null : decimal(totals.min),
    max: totals.max === null ? null : decimal(totals.max),
    latest: aggregation === 'LATEST' ? await latest(manager, meterKey, start, end) : null,
  };
  const distinct =
    aggregation === 'UNIQUE_COUNT' ? await distinctCount(manager, meterKey, start, end) : undefined;
  return bucketResult(aggregation, state, distinct) ?? '0';
}

// The same order as applyBucketDelta keeps per bucket: time, then tiebreak by code point, then value.
async function latest(
  manager: EntityManager,
  meterKey: string,
  start: Date,
  end: Date,
): Promise<BucketState['latest']> {
  const row = await queryRow(
    manager,
    z.object({ value: z.string(), time: z.date(), tiebreak: z.string() }),
    `SELECT latest_value::text AS value, latest_time AS time, latest_tiebreak AS tiebreak
       FROM metering.usage_buckets
      WHERE meter_key = $1 AND bucket_start >= $2 AND bucket_start < $3 AND latest_time IS NOT NULL
      ORDER BY latest_time DESC, latest_tiebreak COLLATE "C" DESC, latest_value DESC
      LIMIT 1`,
    [meterKey, start, end],
  );
  return row
    ? { value: decimal(row.value), time: row.time.toISOString(), tiebreak: row.tiebreak }
    : null;
}

async function distinctCount(
  manager: EntityManager,
  meterKey: string,
  start: Date,
  end: Date,
): Promise<bigint> {
  const { distinct_values } = (await queryRow(
    manager,
    z.object({ distinct_values: z.string() }),
    `SELECT count(DISTINCT value)::text AS distinct_values
       FROM metering.usage_distinct_values
      WHERE meter_key = $1 AND bucket_start >= $2 AND bucket_start < $3`,
    [meterKey, start, end],
  ))!;
  return BigInt(distinct_values);
}

/** PostgreSQL numeric text (which may keep trailing zeros) as a canonical decimal string. */
function decimal(text: string): string {
  return usageDecimalString(parseUsageDecimal(text));
}
