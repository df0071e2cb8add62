import { canonicalJson, compareCodeUnits } from '@tenantry/common';
import { bucketResult, emptyBucket, mergeBuckets, type BucketState } from './bucket-state';
import type { Aggregation } from './meter';
import { assertTimeZone } from './time-zone';
import type { WindowSize } from './window-size';
import { assertQueryRange, windowContaining, type UsageWindow } from './windows';

/** One stored minute bucket of a meter: its start, subject, group and state. */
export interface UsageBucket {
  /** Start of the UTC minute. */
  readonly bucketStart: Date;
  /** The events' subject; '' when they had none. */
  readonly subject: string;
  /** Canonical JSON of the group values by group name, as measure() writes it. */
  readonly groupKey: string;
  readonly state: BucketState;
  /** For UNIQUE_COUNT: the distinct values (canonical JSON) measured in the bucket. */
  readonly distinct?: ReadonlySet<string>;
}

/** What a usage query asks for (GET /v1/meters/{key}/query). */
export interface UsageQuery {
  /** Inclusive, a whole UTC minute. */
  readonly from: Date;
  /** Exclusive, a whole UTC minute. */
  readonly to: Date;
  readonly windowSize: WindowSize;
  readonly timeZone: string;
  /** Group names of the meter to split rows by; 'subject' splits by subject. */
  readonly groupBy: readonly string[];
  readonly aggregation: Aggregation;
  /** Only these subjects, when given. */
  readonly subjects?: readonly string[];
}

/** One row of a usage query answer: a window, optionally a subject and group values, and the value. */
export interface UsageRow {
  /** ISO 8601 UTC. */
  windowStart: string;
  /** ISO 8601 UTC. */
  windowEnd: string;
  /** Present when grouped by 'subject'; '' for events without one. */
  subject?: string;
  /** The requested group values (not 'subject'); null where the events had none. */
  groupBy: Record<string, unknown>;
  /** The aggregated value as a decimal string (a count for COUNT and UNIQUE_COUNT). */
  value: string;
}

interface RowAccumulator {
  readonly window: UsageWindow;
  readonly subject: string | undefined;
  readonly groupValues: Record<string, unknown>;
  readonly groupJson: string;
  state: BucketState;
  readonly distinct: Set<string>;
}

/**
 * The reference answer of a usage query: the buckets in [from, to) (and of the chosen
 * subjects) merged per window of the local calendar (see windows.ts), subject when grouped by
 * it, and requested group values. Only combinations with usage have a row. Rows are ordered
 * by window start, then subject, then the canonical JSON of their group values, both compared
 * by UTF-16 code units (COLLATE "C" would compare UTF-8 bytes: the same order for the BMP).
 * The app's SQL must give exactly this; tests check it against raw events through measure().
 */
export function rollUp(buckets: Iterable<UsageBucket>, query: UsageQuery): UsageRow[] {
  assertTimeZone(query.timeZone);
  assertQueryRange(query.from, query.to);
  const from = query.from.getTime();
  const to = query.to.getTime();
  const subjects = query.subjects === undefined ? undefined : new Set(query.subjects);
  const groupNames = [...new Set(query.groupBy)];
  const bySubject = groupNames.includes('subject');
  const propertyNames = groupNames.filter((name) => name !== 'subject');
  const groupValuesOf = memoize((groupKey: string) => pick(JSON.parse(groupKey), propertyNames));

  const inRange = [...buckets]
    .filter(({ bucketStart, subject }) => {
      const at = bucketStart.getTime();
      return at >= from && at < to && (subjects === undefined || subjects.has(subject));
    })
    .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());

  const rows = new Map<string, RowAccumulator>();
  let window: UsageWindow | undefined;
  for (const bucket of inRange) {
    if (window === undefined || bucket.bucketStart >= window.end) {
      window = windowContaining(bucket.bucketStart, query.windowSize, query.timeZone);
    }
    const subject = bySubject ? bucket.subject : undefined;
    const groupValues = groupValuesOf(bucket.groupKey);
    const groupJson = canonicalJson(groupValues);
    const key = JSON.stringify([window.start.getTime(), subject ?? null, groupJson]);
    let row = rows.get(key);
    if (row === undefined) {
      row = { window, subject, groupValues, groupJson, state: emptyBucket(), distinct: new Set() };
      rows.set(key, row);
    }
    row.state = mergeBuckets(row.state, bucket.state);
    if (query.aggregation === 'UNIQUE_COUNT') {
      if (bucket.distinct === undefined) {
        throw new TypeError('UNIQUE_COUNT needs the distinct values of every bucket');
      }
      for (const value of bucket.distinct) row.distinct.add(value);
    }
  }

  return [...rows.values()]
    .sort(
      (a, b) =>
        a.window.start.getTime() - b.window.start.getTime() ||
        compareCodeUnits(a.subject ?? '', b.subject ?? '') ||
        compareCodeUnits(a.groupJson, b.groupJson),
    )
    .flatMap((row) => {
      const value = bucketResult(query.aggregation, row.state, row.distinct.size);
      if (value === null) return [];
      return [
        {
          windowStart: row.window.start.toISOString(),
          windowEnd: row.window.end.toISOString(),
          ...(row.subject === undefined ? {} : { subject: row.subject }),
          groupBy: row.groupValues,
          value,
        },
      ];
    });
}

function pick(groups: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.map((name) => [name, Object.hasOwn(groups, name) ? groups[name] : null]),
  );
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
