import { canonicalJson, compareCodeUnits } from '@tenantry/common';
import {
  rollUp,
  type Aggregation,
  type UsageBucket,
  type UsageRow,
  type WindowSize,
} from '@tenantry/metering-core';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

// The usage query must give exactly what a brute-force recomputation from the raw events gives.
// The recomputation below shares nothing with the service but decimal.js and Temporal: it reads
// each event's values itself, computes its window with Temporal and aggregates per row.

const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });
type Exact = InstanceType<typeof Exact>;

/** The fields of answers the assertions read. */

interface SentEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  data: {
    bytes: number | string;
    latency: number | string;
    level: string;
    user: string | number;
    region?: string | null;
    tier?: string;
  };
}

const groupBy = { region: '$.region', tier: '$.tier' };
const meters: Array<{
  key: string;
  aggregation: Aggregation;
  valueProperty?: string;
  filter?: unknown;
  /** What the test reads from an event: the value, or undefined when the meter skips it. */
  read: (event: SentEvent) => string | number | undefined;
}> = [
  { key: 'calls', aggregation: 'COUNT', read: () => 1 },
  { key: 'bytes', aggregation: 'SUM', valueProperty: '$.bytes', read: (e) => e.data.bytes },
  {
    key: 'mean-latency',
    aggregation: 'AVG',
    valueProperty: '$.latency',
    read: (e) => e.data.latency,
  },
  { key: 'fastest', aggregation: 'MIN', valueProperty: '$.latency', read: (e) => e.data.latency },
  { key: 'slowest', aggregation: 'MAX', valueProperty: '$.latency', read: (e) => e.data.latency },
  { key: 'users', aggregation: 'UNIQUE_COUNT', valueProperty: '$.user', read: (e) => e.data.user },
  { key: 'level', aggregation: 'LATEST', valueProperty: '$.level', read: (e) => e.data.level },
  {
    key: 'eu-bytes',
    aggregation: 'SUM',
    valueProperty: '$.bytes',
    filter: { all: [{ path: '$.region', op: 'eq', value: 'eu' }] },
    read: (e) => (e.data.region === 'eu' ? e.data.bytes : undefined),
  },
];

// Usage around both daylight saving changes of 2026 in Berlin, the month ends after them, and now.
const minute = 60_000;
const hour = 60 * minute;
const anchors = [
  Date.parse('2026-03-29T01:00:00Z'), // clocks go forward in Berlin
  Date.parse('2026-03-31T22:00:00Z'), // April begins in Berlin
  Date.parse('2026-10-25T01:00:00Z'), // clocks go back in Berlin
  Date.parse('2026-10-31T23:00:00Z'), // November begins in Berlin
];

const subjects = ['alice', 'bob', 'zoë', undefined];

function eventsArbitrary(now: number): fc.Arbitrary<SentEvent[]> {
  const decimal = fc
    .tuple(
      fc.integer({ min: -10_000, max: 1_000_000 }),
      fc.integer({ min: 0, max: 999_999 }),
      fc.nat(6),
    )
    .map(([whole, fraction, digits]) =>
      digits === 0
        ? String(whole)
        : `${whole}.${String(fraction).padStart(6, '0').slice(0, digits)}`,
    );
  const time = fc.oneof(
    fc
      .tuple(fc.constantFrom(...anchors), fc.integer({ min: -4 * hour, max: 4 * hour }))
      .map(([anchor, offset]) => anchor + offset),
    fc.integer({ min: now - 6 * hour, max: now }),
  );
  const event = fc.record({
    source: fc.constantFrom('api', 'batch', 'edge'),
    subject: fc.constantFrom(...subjects),
    time,
    data: fc.record(
      {
        bytes: fc.oneof(decimal, fc.integer({ min: 0, max: 5_000 })),
        latency: fc.oneof(
          decimal,
          fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
        ),
        level: decimal,
        user: fc.oneof(fc.constantFrom('u1', 'u2', 'u3', 'u4'), fc.constantFrom(1, 2)),
        region: fc.constantFrom('eu', 'us', 'ap', null),
        tier: fc.constantFrom('free', 'pro'),
      },
      { requiredKeys: ['bytes', 'latency', 'level', 'user'] },
    ),
  });
  return fc.array(event, { minLength: 300, maxLength: 900 }).map((events) => {
    // Some events share their time exactly, so LATEST needs its tiebreak.
    const times = events.map((e) => e.time);
    return events.map((e, index) => ({
      id: `e-${index}`,
      source: e.source,
      type: 'api.call',
      ...(e.subject === undefined ? {} : { subject: e.subject }),
      time: new Date(index % 7 === 3 ? times[index - 1]! : e.time).toISOString(),
      data: e.data,
    }));
  });
}

describe('GET /v1/meters/{key}/query', () => {
  let service: MeteringTestApp;
  let tenants = 0;

  beforeAll(async () => {
    service = await startMeteringTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  const call = async <Answer = unknown>(
    tenant: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: await service.as(tenant),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Answer,
    };
  };
  const ingest = async (tenant: string, events: SentEvent[]) => {
    for (let start = 0; start < events.length; start += 1000) {
      const answer = await call<{ rejected: number }>(
        tenant,
        'POST',
        '/v1/events',
        events.slice(start, start + 1000),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.rejected).toBe(0);
    }
  };
  const defineMeters = async (tenant: string) => {
    for (const { read: _, ...meter } of meters) {
      const answer = await call(tenant, 'POST', '/v1/meters', {
        ...meter,
        eventType: 'api.call',
        groupBy,
      });
      expect(answer.status).toBe(201);
    }
  };

  it('equals a brute-force recomputation from the raw events, across DST changes', async () => {
    const now = Date.now();
    let rowsCompared = 0;
    const berlinDayHours = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        eventsArbitrary(now),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        async (events, choices) => {
          const tenant = `query-${++tenants}`;
          expect(
            await call(tenant, 'PUT', '/v1/settings', {
              timeZone: 'Europe/Berlin',
              latenessLimitDays: 3650,
              unknownEventTypes: 'accept',
            }),
          ).toMatchObject({ status: 200 });
          // Half the events arrive before the meters exist (measured by their backfill), half after;
          // some twice (duplicates count once).
          const half = Math.floor(events.length / 2);
          await ingest(tenant, events.slice(0, half));
          await defineMeters(tenant);
          await ingest(tenant, [...events.slice(half), ...events.slice(0, 50)]);

          let choice = 0;
          const pick = <T>(options: readonly T[]): T =>
            options[choices[choice++ % choices.length]! % options.length]!;
          const everything = {
            from: Date.parse('2026-03-01T00:00:00Z'),
            to: Math.ceil((now + 10 * minute) / minute) * minute,
          };
          const ranges = [
            everything,
            ...anchors.map((anchor) => ({
              from: anchor - 3 * hour - 17 * minute,
              to: anchor + 5 * hour,
            })),
          ];
          for (const meter of meters) {
            for (const [index, range] of ranges.entries()) {
              const sizes: Array<WindowSize | undefined> =
                index === 0
                  ? [undefined, 'HOUR', 'DAY', 'MONTH']
                  : [undefined, 'MINUTE', 'HOUR', 'DAY', 'MONTH'];
              for (const windowSize of sizes) {
                const query = {
                  meter: meter.key,
                  from: range.from,
                  to: range.to,
                  windowSize,
                  timeZone: pick(['Europe/Berlin', 'UTC', 'Asia/Kathmandu', 'America/New_York']),
                  groupBy: pick([
                    [],
                    ['region'],
                    ['subject', 'tier'],
                    ['tier', 'region', 'subject'],
                  ]),
                  subjects: pick([undefined, ['alice', 'zoë'], ['']]),
                };
                const answer = await queryUsage(tenant, query);
                const expected = bruteForce(events, meter, query);
                expect({ query, data: answer.data }).toEqual({ query, data: expected });
                rowsCompared += expected.length;
                if (windowSize === 'DAY' && query.timeZone === 'Europe/Berlin') {
                  for (const row of expected) {
                    berlinDayHours.add(
                      (Date.parse(row.windowEnd) - Date.parse(row.windowStart)) / hour,
                    );
                  }
                }
                if (windowSize !== undefined) {
                  expect(answer.data).toEqual(
                    rollUp(await storedBuckets(tenant, meter), {
                      ...query,
                      windowSize,
                      from: new Date(query.from),
                      to: new Date(query.to),
                      aggregation: meter.aggregation,
                    }),
                  );
                }
              }
            }
          }
        },
      ),
      { numRuns: 3, endOnFailure: true, seed: 20261125 },
    );
    // The comparisons had rows to compare, among them both DST days of Berlin.
    expect(rowsCompared).toBeGreaterThan(5_000);
    expect([...berlinDayHours].sort()).toEqual([23, 24, 25]);
  });

  it('refuses a malformed query with a 400 problem, an unknown meter with 404', async () => {
    await call('limits', 'POST', '/v1/meters', {
      key: 'calls',
      eventType: 'api.call',
      aggregation: 'COUNT',
      groupBy,
    });
    const ask = async (parameters: string, tenant = 'limits', roles?: string[]) => {
      const response = await fetch(`${service.url}/v1/meters/calls/query?${parameters}`, {
        headers: await service.as(tenant, roles),
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as unknown,
      };
    };
    const range = 'from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z';
    expect(await ask(`${range}&windowSize=DAY`)).toMatchObject({ status: 200, body: { data: [] } });
    const problems: Array<[string, RegExp]> = [
      [`${range}&windowTimeZone=Mars/Olympus`, /IANA/],
      [`${range}&windowTimeZone=%2B02:00`, /IANA/],
      ['from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z', /after/],
      ['from=2026-10-01T00:00:30Z&to=2026-11-01T00:00:00Z', /whole minute/],
      ['from=2026-10-01&to=2026-11-01T00:00:00Z', /from/],
      ['to=2026-11-01T00:00:00Z', /from/],
      [`${range}&windowSize=WEEK`, /windowSize/],
      [`${range}&windowSize=MINUTE`, /more than 10000 MINUTE windows/],
      [`from=2020-01-01T00:00:00Z&to=2026-11-01T00:00:00Z&windowSize=HOUR`, /more than 10000 HOUR/],
      [`${range}&groupBy=model`, /"model"/],
      [`${range}&windowsize=DAY`, /windowsize/],
    ];
    for (const [parameters, detail] of problems) {
      expect({ parameters, answer: await ask(parameters) }).toMatchObject({
        parameters,
        answer: {
          status: 400,
          type: expect.stringContaining('application/problem+json'),
          body: { detail: expect.stringMatching(detail) },
        },
      });
    }
    expect(await ask(range, 'someone-else')).toMatchObject({ status: 404 });
    expect(await ask(range, 'limits', ['metering:write'])).toMatchObject({ status: 403 });
  });

  interface TestQuery {
    meter: string;
    from: number;
    to: number;
    windowSize: WindowSize | undefined;
    timeZone: string;
    groupBy: string[];
    subjects: string[] | undefined;
  }

  /** Asks the service; Berlin is the tenant's zone, so it is left to the default. */
  async function queryUsage(tenant: string, query: TestQuery): Promise<{ data: UsageRow[] }> {
    const parameters = new URLSearchParams({
      from: new Date(query.from).toISOString(),
      to: new Date(query.to).toISOString(),
    });
    if (query.windowSize) parameters.set('windowSize', query.windowSize);
    if (query.timeZone !== 'Europe/Berlin') parameters.set('windowTimeZone', query.timeZone);
    for (const name of query.groupBy) parameters.append('groupBy', name);
    for (const subject of query.subjects ?? []) parameters.append('subject', subject);
    const answer = await call<{ data: UsageRow[] }>(
      tenant,
      'GET',
      `/v1/meters/${query.meter}/query?${parameters}`,
    );
    expect(answer).toMatchObject({
      status: 200,
      body: {
        meter: query.meter,
        from: new Date(query.from).toISOString(),
        to: new Date(query.to).toISOString(),
        windowSize: query.windowSize ?? null,
        windowTimeZone: query.timeZone,
      },
    });
    return answer.body;
  }

  /** The meter's buckets as stored, for rollUp. */
  async function storedBuckets(tenant: string, meter: { key: string }): Promise<UsageBucket[]> {
    const { rows } = await service.owner.query(
      `SELECT b.bucket_start, b.subject, b.group_key, b.count::text, b.sum::text, b.min::text, b.max::text,
              b.latest_value::text, b.latest_time, b.latest_tiebreak,
              array(SELECT d.value FROM metering.usage_distinct_values d
                     WHERE (d.tenant_id, d.meter_key, d.bucket_start, d.subject, d.group_key)
                         = (b.tenant_id, b.meter_key, b.bucket_start, b.subject, b.group_key)) AS distinct
         FROM metering.usage_buckets b WHERE b.tenant_id = $1 AND b.meter_key = $2`,
      [tenant, meter.key],
    );
    const canonical = (value: string | null) =>
      value === null ? null : new Exact(value).toFixed();
    return rows.map((row) => ({
      bucketStart: row.bucket_start,
      subject: row.subject,
      groupKey: row.group_key,
      state: {
        count: row.count,
        sum: canonical(row.sum)!,
        min: canonical(row.min),
        max: canonical(row.max),
        latest:
          row.latest_time === null
            ? null
            : {
                time: row.latest_time.toISOString(),
                value: canonical(row.latest_value)!,
                tiebreak: row.latest_tiebreak,
              },
      },
      distinct: new Set<string>(row.distinct),
    }));
  }
});

interface Row {
  windowStart: number;
  windowEnd: number;
  subject: string | undefined;
  groupValues: Record<string, unknown>;
  count: number;
  sum: Exact;
  min: Exact | undefined;
  max: Exact | undefined;
  latest: { time: number; tiebreak: string; value: Exact } | undefined;
  distinct: Set<string>;
}

/** The query answer recomputed from the events as sent. */
function bruteForce(
  sent: SentEvent[],
  meter: (typeof meters)[number],
  query: {
    from: number;
    to: number;
    windowSize: WindowSize | undefined;
    timeZone: string;
    groupBy: string[];
    subjects: string[] | undefined;
  },
): UsageRow[] {
  const bySubject = query.groupBy.includes('subject');
  const properties = query.groupBy.filter((name) => name !== 'subject');
  const rows = new Map<string, Row>();
  for (const event of sent) {
    const time = Date.parse(event.time);
    const value = meter.read(event);
    const subject = event.subject ?? '';
    if (value === undefined || time < query.from || time >= query.to) continue;
    if (query.subjects !== undefined && !query.subjects.includes(subject)) continue;
    const [windowStart, windowEnd] = windowOf(time, query);
    const groupValues = Object.fromEntries(
      properties.map((name) => [name, event.data[name as 'region' | 'tier'] ?? null]),
    );
    const key = JSON.stringify([
      windowStart,
      bySubject ? subject : null,
      canonicalJson(groupValues),
    ]);
    const row = rows.get(key) ?? {
      windowStart,
      windowEnd,
      subject: bySubject ? subject : undefined,
      groupValues,
      count: 0,
      sum: new Exact(0),
      min: undefined,
      max: undefined,
      latest: undefined,
      distinct: new Set<string>(),
    };
    rows.set(key, row);
    row.count++;
    if (meter.aggregation === 'UNIQUE_COUNT') {
      row.distinct.add(JSON.stringify(value));
      continue;
    }
    const amount = new Exact(value);
    row.sum = row.sum.plus(amount);
    row.min = row.min === undefined || amount.lt(row.min) ? amount : row.min;
    row.max = row.max === undefined || amount.gt(row.max) ? amount : row.max;
    // Latest time wins; then source and id (ASCII here: code unit order is code point order); then value.
    const tiebreak = `${event.source}\u001f${event.id}`;
    const latest = row.latest;
    if (
      latest === undefined ||
      time > latest.time ||
      (time === latest.time &&
        (tiebreak > latest.tiebreak || (tiebreak === latest.tiebreak && amount.gt(latest.value))))
    ) {
      row.latest = { time, tiebreak, value: amount };
    }
  }
  const text = (value: Exact) => (value.isZero() ? '0' : value.toFixed());
  return [...rows.values()]
    .sort(
      (a, b) =>
        a.windowStart - b.windowStart ||
        compareCodeUnits(a.subject ?? '', b.subject ?? '') ||
        compareCodeUnits(canonicalJson(a.groupValues), canonicalJson(b.groupValues)),
    )
    .map((row) => ({
      windowStart: new Date(row.windowStart).toISOString(),
      windowEnd: new Date(row.windowEnd).toISOString(),
      ...(row.subject === undefined ? {} : { subject: row.subject }),
      groupBy: row.groupValues,
      value: {
        COUNT: () => String(row.count),
        SUM: () => text(row.sum),
        AVG: () => text(row.sum.dividedBy(row.count).toDecimalPlaces(12, Exact.ROUND_HALF_EVEN)),
        MIN: () => text(row.min!),
        MAX: () => text(row.max!),
        LATEST: () => text(row.latest!.value),
        UNIQUE_COUNT: () => String(row.distinct.size),
      }[meter.aggregation](),
    }));
}

/** The window of `time`, computed with Temporal on the local calendar. */
function windowOf(
  time: number,
  query: { from: number; to: number; windowSize: WindowSize | undefined; timeZone: string },
): [number, number] {
  const zoned = Temporal.Instant.fromEpochMilliseconds(time).toZonedDateTimeISO(query.timeZone);
  const startOf = (date: Temporal.PlainDate) =>
    date.toZonedDateTime(query.timeZone).epochMilliseconds;
  switch (query.windowSize) {
    case undefined:
      return [query.from, query.to];
    case 'MINUTE': {
      const start = Math.floor(time / minute) * minute;
      return [start, start + minute];
    }
    case 'HOUR': {
      // The zones used here change their offset by whole hours, on the hour.
      const start = zoned.round({ smallestUnit: 'hour', roundingMode: 'floor' }).epochMilliseconds;
      return [start, start + hour];
    }
    case 'DAY':
      return [startOf(zoned.toPlainDate()), startOf(zoned.toPlainDate().add({ days: 1 }))];
    case 'MONTH': {
      const first = zoned.toPlainDate().with({ day: 1 });
      return [startOf(first), startOf(first.add({ months: 1 }))];
    }
  }
}
