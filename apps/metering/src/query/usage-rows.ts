import { canonicalJson, compareCodeUnits } from '@tenantry/common';
import {
  bucketResult,
  parseUsageDecimal,
  usageDecimalString,
  type Aggregation,
  type UsageRow,
  type UsageWindow,
} from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** What the stored buckets are rolled up by: see rollUp in metering-core, whose answer this must equal. */
export interface UsageRollUp {
  meterKey: string;
  aggregation: Aggregation;
  /** Consecutive windows, oldest first, covering [from, to). */
  windows: UsageWindow[];
  from: Date;
  to: Date;
  /** Only these subjects, when given. */
  subjects?: readonly string[];
  /** 'subject' and group names of the meter. */
  groupBy: readonly string[];
}

const rolledUpRow = z.object({
  window_index: z.number().int(),
  subject: z.string(),
  group_values: z.array(z.unknown()),
  count: z.string(),
  sum: z.string(),
  min: z.string().nullable(),
  max: z.string().nullable(),
  latest: z.string().nullable(),
  distinct_count: z.string().nullable(),
});

/**
 * The usage rows of a query, aggregated in PostgreSQL over the minute buckets: each bucket
 * goes to its window by binary search over the window starts (width_bucket), so windows are
 * exactly the ones metering-core computes — PostgreSQL's own time zone data may differ from
 * the runtime's. Sums and extremes are summed in SQL, LATEST ordered like mergeBuckets and
 * UNIQUE_COUNT counted over the distinct values; AVG is divided here (bucketResult) because
 * PostgreSQL rounds differently, and every amount is normalised to a canonical decimal string.
 */
export async function rollUpUsage(manager: EntityManager, query: UsageRollUp): Promise<UsageRow[]> {
  if (query.windows.length === 0) return [];
  const groupNames = [...new Set(query.groupBy)];
  const bySubject = groupNames.includes('subject');
  const propertyNames = groupNames.filter((name) => name !== 'subject');

  const parameters: unknown[] = [
    query.meterKey,
    query.from,
    query.to,
    query.windows.map((window) => window.start),
    query.subjects ?? null,
  ];
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  // A missing group value and a JSON null are both null in the answer, as in rollUp.
  const groups = (table: string) =>
    propertyNames.length === 0
      ? `'[]'::jsonb`
      : `jsonb_build_array(${propertyNames
          .map(
            (name) =>
              `coalesce(${table}.group_key::jsonb -> ${parameter(name)}::text, 'null'::jsonb)`,
          )
          .join(', ')})`;
  const rowKey = (table: string) =>
    `width_bucket(${table}.bucket_start, $4::timestamptz[]) AS window_index,
     ${bySubject ? `${table}.subject` : `''`} AS subject,
     ${groups(table)} AS group_values`;
  const inQuery = (table: string) =>
    `${table}.meter_key = $1 AND ${table}.bucket_start >= $2 AND ${table}.bucket_start < $3
     AND ($5::text[] IS NULL OR ${table}.subject = ANY($5::text[]))`;

  const totals = `
    SELECT ${rowKey('b')},
           sum(b.count)::text AS count, sum(b.sum)::text AS sum,
           min(b.min)::text AS min, max(b.max)::text AS max,
           (array_agg(b.latest_value::text ORDER BY b.latest_time DESC NULLS LAST,
                      b.latest_tiebreak COLLATE "C" DESC, b.latest_value DESC))[1] AS latest
      FROM metering.usage_buckets b
     WHERE ${inQuery('b')}
     GROUP BY 1, 2, 3`;
  const sql =
    query.aggregation === 'UNIQUE_COUNT'
      ? `WITH totals AS (${totals}),
              distinct_values AS (
                SELECT ${rowKey('d')}, count(DISTINCT d.value)::text AS distinct_count
                  FROM metering.usage_distinct_values d
                 WHERE ${inQuery('d')}
                 GROUP BY 1, 2, 3)
         SELECT t.*, v.distinct_count FROM totals t
           LEFT JOIN distinct_values v USING (window_index, subject, group_values)`
      : `SELECT *, NULL AS distinct_count FROM (${totals}) t`;

  const rolledUp = await queryRows(manager, rolledUpRow, sql, parameters);
  return rolledUp
    .map((row) => {
      const window = query.windows[row.window_index - 1]!;
      const groupValues = Object.fromEntries(
        propertyNames.map((name, index) => [name, row.group_values[index] ?? null]),
      );
      return { row, window, groupValues, groupJson: canonicalJson(groupValues) };
    })
    .sort(
      (a, b) =>
        a.window.start.getTime() - b.window.start.getTime() ||
        compareCodeUnits(a.row.subject, b.row.subject) ||
        compareCodeUnits(a.groupJson, b.groupJson),
    )
    .flatMap(({ row, window, groupValues }) => {
      const value = bucketResult(
        query.aggregation,
        {
          count: row.count,
          sum: canonical(row.sum)!,
          min: canonical(row.min),
          max: canonical(row.max),
          latest:
            row.latest === null ? null : { time: '', value: canonical(row.latest)!, tiebreak: '' },
        },
        row.distinct_count === null ? 0n : BigInt(row.distinct_count),
      );
      if (value === null) return [];
      return [
        {
          windowStart: window.start.toISOString(),
          windowEnd: window.end.toISOString(),
          ...(bySubject ? { subject: row.subject } : {}),
          groupBy: groupValues,
          value,
        },
      ];
    });
}

function canonical(numeric: string | null): string | null {
  return numeric === null ? null : usageDecimalString(parseUsageDecimal(numeric));
}
