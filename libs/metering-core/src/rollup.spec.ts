import { canonicalJson } from '@tenantry/common';
import fc from 'fast-check';
import { addMeasurement, emptyBucket, type BucketState } from './bucket-state';
import { minuteBucketStart } from './event-time';
import type { Aggregation } from './meter';
import { rollUp, type UsageBucket, type UsageQuery } from './rollup';
import { InvalidTimeZoneError } from './time-zone';
import { parseUsageDecimal, UsageDecimal, usageDecimalString } from './usage-value';
import type { WindowSize } from './window-size';
import { InvalidQueryRangeError } from './windows';

interface RawUsage {
  time: Date;
  subject: string;
  group: Record<string, unknown>;
  value: string;
}

// Buckets as the app stores them: one per UTC minute, subject and group.
function bucketsOf(usage: RawUsage[]): UsageBucket[] {
  const buckets = new Map<
    string,
    {
      bucketStart: Date;
      subject: string;
      groupKey: string;
      state: BucketState;
      distinct: Set<string>;
    }
  >();
  usage.forEach(({ time, subject, group, value }, index) => {
    const bucketStart = minuteBucketStart(time);
    const groupKey = canonicalJson(group);
    const key = JSON.stringify([bucketStart.getTime(), subject, groupKey]);
    const bucket = buckets.get(key) ?? {
      bucketStart,
      subject,
      groupKey,
      state: emptyBucket(),
      distinct: new Set<string>(),
    };
    bucket.state = addMeasurement(bucket.state, value, time, `source\u001f${index}`);
    bucket.distinct.add(canonicalJson(value));
    buckets.set(key, bucket);
  });
  return [...buckets.values()];
}

const at = (iso: string) => new Date(iso);
const use = (
  iso: string,
  value: string,
  subject = 'customer-1',
  group: Record<string, unknown> = {},
): RawUsage => ({
  time: at(iso),
  subject,
  group,
  value,
});
const query = (changes: Partial<UsageQuery>): UsageQuery => ({
  from: at('2026-01-01T00:00:00Z'),
  to: at('2027-01-01T00:00:00Z'),
  windowSize: 'DAY',
  timeZone: 'UTC',
  groupBy: [],
  aggregation: 'SUM',
  ...changes,
});

describe('rolling minute buckets up into usage windows', () => {
  it('sums a Europe/Berlin day of 23 hours into one window', () => {
    const usage = [
      use('2026-03-28T22:59:00Z', '1'), // 23:59 on the 28th
      use('2026-03-28T23:00:00Z', '2'), // 00:00 on the 29th
      use('2026-03-29T21:59:30Z', '3'), // 23:59 CEST on the 29th
      use('2026-03-29T22:00:00Z', '4'), // 00:00 on the 30th
    ];
    expect(rollUp(bucketsOf(usage), query({ timeZone: 'Europe/Berlin' }))).toEqual([
      {
        windowStart: '2026-03-27T23:00:00.000Z',
        windowEnd: '2026-03-28T23:00:00.000Z',
        groupBy: {},
        value: '1',
      },
      {
        windowStart: '2026-03-28T23:00:00.000Z',
        windowEnd: '2026-03-29T22:00:00.000Z',
        groupBy: {},
        value: '5',
      },
      {
        windowStart: '2026-03-29T22:00:00.000Z',
        windowEnd: '2026-03-30T22:00:00.000Z',
        groupBy: {},
        value: '4',
      },
    ]);
  });

  it('keeps the two local 02:00 hours apart when Europe/Berlin clocks go back', () => {
    const usage = [use('2026-10-25T00:30:00Z', '1'), use('2026-10-25T01:30:00Z', '10')];
    expect(
      rollUp(bucketsOf(usage), query({ windowSize: 'HOUR', timeZone: 'Europe/Berlin' })),
    ).toEqual([
      {
        windowStart: '2026-10-25T00:00:00.000Z',
        windowEnd: '2026-10-25T01:00:00.000Z',
        groupBy: {},
        value: '1',
      },
      {
        windowStart: '2026-10-25T01:00:00.000Z',
        windowEnd: '2026-10-25T02:00:00.000Z',
        groupBy: {},
        value: '10',
      },
    ]);
  });

  it('counts only usage in [from, to) while keeping windows aligned to the calendar', () => {
    const usage = [
      use('2026-05-10T09:59:00Z', '1'),
      use('2026-05-10T10:15:00Z', '2'),
      use('2026-05-10T10:59:00Z', '4'),
      use('2026-05-10T11:00:00Z', '8'),
    ];
    expect(
      rollUp(
        bucketsOf(usage),
        query({
          windowSize: 'DAY',
          from: at('2026-05-10T10:00:00Z'),
          to: at('2026-05-10T11:00:00Z'),
        }),
      ),
    ).toEqual([
      {
        windowStart: '2026-05-10T00:00:00.000Z',
        windowEnd: '2026-05-11T00:00:00.000Z',
        groupBy: {},
        value: '6',
      },
    ]);
  });

  it('splits rows by subject and group values, null where an event had no value', () => {
    const usage = [
      use('2026-05-10T10:00:00Z', '1', 'acme', { model: 'small', region: 'eu' }),
      use('2026-05-10T10:01:00Z', '2', 'acme', { model: 'small', region: 'us' }),
      use('2026-05-10T10:02:00Z', '4', 'zeta', { model: 'small', region: 'eu' }),
      use('2026-05-10T10:03:00Z', '8', 'acme', { model: null, region: 'eu' }),
    ];
    expect(
      rollUp(bucketsOf(usage), query({ groupBy: ['subject', 'model'] })).map(
        ({ subject, groupBy, value }) => ({ subject, groupBy, value }),
      ),
    ).toEqual([
      // Group values order by their canonical JSON: strings ('"…') before null.
      { subject: 'acme', groupBy: { model: 'small' }, value: '3' },
      { subject: 'acme', groupBy: { model: null }, value: '8' },
      { subject: 'zeta', groupBy: { model: 'small' }, value: '4' },
    ]);
  });

  it('gives null for a group name the events never had', () => {
    const usage = [use('2026-05-10T10:00:00Z', '1', 'acme', { model: 'small' })];
    expect(rollUp(bucketsOf(usage), query({ groupBy: ['region'] }))[0]!.groupBy).toEqual({
      region: null,
    });
  });

  it('keeps only the chosen subjects', () => {
    const usage = [
      use('2026-05-10T10:00:00Z', '1', 'acme'),
      use('2026-05-10T10:00:00Z', '2', 'zeta'),
    ];
    expect(
      rollUp(bucketsOf(usage), query({ subjects: ['zeta'] })).map(({ value }) => value),
    ).toEqual(['2']);
  });

  it('counts distinct values across buckets once (UNIQUE_COUNT)', () => {
    const usage = [
      use('2026-05-10T10:00:00Z', '1'),
      use('2026-05-10T10:00:00Z', '2'),
      use('2026-05-10T11:00:00Z', '2'),
      use('2026-05-10T12:00:00Z', '3'),
    ];
    expect(
      rollUp(bucketsOf(usage), query({ aggregation: 'UNIQUE_COUNT' })).map(({ value }) => value),
    ).toEqual(['3']);
  });

  it('refuses UNIQUE_COUNT over buckets without their distinct values', () => {
    const buckets = bucketsOf([use('2026-05-10T10:00:00Z', '1')]).map(
      ({ distinct: _, ...bucket }) => bucket,
    );
    expect(() => rollUp(buckets, query({ aggregation: 'UNIQUE_COUNT' }))).toThrow(TypeError);
  });

  it('averages over all events of a window, not over the averages of its minutes', () => {
    const usage = [
      use('2026-05-10T10:00:00Z', '1'),
      use('2026-05-10T10:00:00Z', '2'),
      use('2026-05-10T10:01:00Z', '6'),
    ];
    expect(rollUp(bucketsOf(usage), query({ aggregation: 'AVG' }))[0]!.value).toBe('3');
  });

  it('takes MIN, MAX and LATEST over the window', () => {
    const usage = [
      use('2026-05-10T10:05:00Z', '7'),
      use('2026-05-10T10:00:00Z', '-2'),
      use('2026-05-10T10:01:00Z', '9.5'),
    ];
    const value = (aggregation: Aggregation) =>
      rollUp(bucketsOf(usage), query({ aggregation }))[0]!.value;
    expect([value('MIN'), value('MAX'), value('LATEST'), value('COUNT')]).toEqual([
      '-2',
      '9.5',
      '7',
      '3',
    ]);
  });

  it('refuses an unknown time zone and a range off the minute', () => {
    expect(() => rollUp([], query({ timeZone: 'Europe/Nowhere' }))).toThrow(InvalidTimeZoneError);
    expect(() => rollUp([], query({ from: at('2026-01-01T00:00:01Z') }))).toThrow(
      InvalidQueryRangeError,
    );
  });

  describe('against a recomputation from raw usage', () => {
    const timeZones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
    ];
    // Around the 2026 clock changes of the zones above.
    const start = Date.UTC(2026, 2, 27);
    const rawUsage = fc.array(
      fc.record({
        time: fc.integer({ min: start, max: start + 10 * 86_400_000 }).map((ms) => new Date(ms)),
        subject: fc.constantFrom('', 'acme', 'zeta'),
        group: fc.record({ model: fc.constantFrom('small', 'large', null, 7) }),
        value: fc
          .integer({ min: -1000, max: 100_000 })
          .map((cents) => usageDecimalString(new UsageDecimal(cents).dividedBy(100))),
      }),
      { maxLength: 200 },
    );

    // Names the window of an instant from its local wall clock, independently of windows.ts.
    const label = (instant: Date, size: WindowSize, timeZone: string) => {
      const local = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(
        timeZone,
      );
      switch (size) {
        case 'MINUTE':
          return `${local.toPlainDateTime().toString({ smallestUnit: 'minute' })}${local.offset}`;
        case 'HOUR': {
          // The last instant at or before this one whose wall clock shows a whole hour: after a
          // 30-minute fall-back (Lord Howe) the repeated half hour belongs to the hour before.
          let hourStart = local.round({ smallestUnit: 'minute', roundingMode: 'floor' });
          while (hourStart.minute !== 0) hourStart = hourStart.subtract({ minutes: 1 });
          return hourStart.toString();
        }
        case 'DAY':
          return local.toPlainDate().toString();
        case 'MONTH':
          return local.toPlainDate().toPlainYearMonth().toString();
      }
    };

    it('sums every window, subject and group exactly as the raw usage does', () => {
      fc.assert(
        fc.property(
          rawUsage,
          fc.constantFrom<WindowSize>('MINUTE', 'HOUR', 'DAY', 'MONTH'),
          fc.constantFrom(...timeZones),
          fc.subarray(['subject', 'model']),
          fc.nat(),
          fc.nat(),
          (usage, windowSize, timeZone, groupBy, first, last) => {
            // The range runs between the minutes of two of the events, where off-by-one errors show.
            const minutes = usage
              .map(({ time }) => minuteBucketStart(time).getTime())
              .sort((a, b) => a - b);
            const from = new Date(minutes[first % minutes.length] ?? start);
            const to = new Date(Math.max(from.getTime(), minutes[last % minutes.length] ?? start));
            const expected = new Map<string, InstanceType<typeof UsageDecimal>>();
            for (const { time, subject, group, value } of usage) {
              if (time < from || time >= to) continue;
              const key = JSON.stringify([
                label(time, windowSize, timeZone),
                groupBy.includes('subject') ? subject : null,
                groupBy.includes('model') ? group.model : null,
              ]);
              expected.set(
                key,
                (expected.get(key) ?? new UsageDecimal(0)).plus(parseUsageDecimal(value)),
              );
            }
            const rows = rollUp(bucketsOf(usage), {
              from,
              to,
              windowSize,
              timeZone,
              groupBy,
              aggregation: 'SUM',
            });
            const actual = new Map(
              rows.map((row) => {
                const windowLabel = label(new Date(row.windowStart), windowSize, timeZone);
                expect(label(new Date(Date.parse(row.windowEnd) - 1), windowSize, timeZone)).toBe(
                  windowLabel,
                );
                return [
                  JSON.stringify([
                    windowLabel,
                    row.subject ?? null,
                    groupBy.includes('model') ? row.groupBy.model : null,
                  ]),
                  row.value,
                ];
              }),
            );
            expect(actual).toEqual(
              new Map([...expected].map(([key, sum]) => [key, usageDecimalString(sum)])),
            );
          },
        ),
        { numRuns: 150 },
      );
    });

    it('answers the same whatever the order of the buckets and however a minute is split', () => {
      fc.assert(
        fc.property(
          rawUsage,
          fc.boolean(),
          fc.constantFrom(...timeZones),
          (usage, splitMinutes, timeZone) => {
            const whole = bucketsOf(usage);
            // The same usage stored as one bucket per event (as if merged later) and in reverse order.
            const split = splitMinutes ? usage.flatMap((entry) => bucketsOf([entry])) : [...whole];
            const question = query({
              timeZone,
              windowSize: 'HOUR',
              groupBy: ['subject', 'model'],
              aggregation: 'AVG',
            });
            expect(rollUp(split.reverse(), question)).toEqual(rollUp(whole, question));
          },
        ),
      );
    });

    it('orders rows by window, subject and group', () => {
      fc.assert(
        fc.property(rawUsage, (usage) => {
          const rows = rollUp(
            bucketsOf(usage),
            query({ windowSize: 'HOUR', groupBy: ['subject', 'model'] }),
          );
          const keys = rows.map(
            (row) => [row.windowStart, row.subject!, canonicalJson(row.groupBy)] as const,
          );
          const sorted = [...keys].sort(([a1, a2, a3], [b1, b2, b3]) =>
            a1 !== b1
              ? a1 < b1
                ? -1
                : 1
              : a2 !== b2
                ? a2 < b2
                  ? -1
                  : 1
                : a3 < b3
                  ? -1
                  : a3 > b3
                    ? 1
                    : 0,
          );
          expect(keys).toEqual(sorted);
        }),
      );
    });
  });
});
