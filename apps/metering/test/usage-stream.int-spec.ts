import path from 'node:path';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { deadLetterTopic, toKafkaMessage, usageRecorded } from '@tenantry/schemas';
import {
  freePort,
  startTsProcess,
  waitFor,
  waitForConsumerToCatchUp,
  type TestDatabase,
} from '@tenantry/testing';
import Decimal from 'decimal.js';
import { Client } from 'pg';
import { authorization, insertMeter, prepareMeteringEnvironment } from './metering-test-app';
import { generateUsageStream, streamMeters, type StreamEvent } from './usage-stream';

const tenants = ['acme', 'globex', 'initech', 'umbrella'];
const eventCount = Number(process.env.METERING_STREAM_EVENTS ?? 100_000);

describe('a usage stream through Kafka, with the consumer killed twice, then voids', () => {
  let database: TestDatabase;
  let owner: Client;

  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  jest.setTimeout(900_000);

  it('counts every event exactly once: every bucket and query equals a recomputation from the raw list', async () => {
    const environment = await prepareMeteringEnvironment({ METERING_CONSUMER_BATCH: '500' });
    database = environment.database;
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    for (const tenant of tenants)
      for (const meter of streamMeters) await insertMeter(owner, tenant, meter);

    const stream = generateUsageStream({ count: eventCount, tenants, days: 30, seed: 42 });
    const kafka = createKafka({
      brokers: environment.config.KAFKA_BROKERS,
      clientId: 'stream-test',
    });
    const topic = `${environment.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`;
    const producer = kafka.producer(idempotentProducer);
    await producer.connect();
    for (let start = 0; start < stream.length; start += 2000) {
      await producer.send({
        topic,
        messages: stream
          .slice(start, start + 2000)
          .map(({ expected: _, ...event }) =>
            toKafkaMessage({ specversion: '1.0', datacontenttype: 'application/json', ...event }),
          ),
      });
    }
    await producer.disconnect();

    const main = path.join(__dirname, '../src/main.ts');
    const storedEvents = async () =>
      Number((await owner.query('SELECT count(*) FROM metering.events')).rows[0].count);
    const firsts = stream.filter((event) => event.expected === 'first').length;
    for (const share of [0.2, 0.5]) {
      const service = startTsProcess(main, environment.env);
      await service.printed('ready');
      await waitFor(async () => (await storedEvents()) >= firsts * share, {
        intervalMs: 50,
        timeoutMs: 300_000,
        what: `${share * 100} % of the stream`,
      });
      await service.kill();
    }
    const port = await freePort();
    const service = startTsProcess(main, { ...environment.env, PORT: String(port) });
    await service.printed('ready');
    await waitForConsumerToCatchUp(
      kafka,
      `${environment.config.KAFKA_TOPIC_PREFIX}metering-usage`,
      topic,
    );
    expect(await storedEvents()).toBe(firsts);

    // Voids through the API: every 300th first arrival.
    const voided = new Set<string>();
    const firstArrivals = stream.filter((event) => event.expected === 'first');
    for (const event of firstArrivals.filter((_, index) => index % 300 === 0)) {
      const response = await fetch(`http://127.0.0.1:${port}/v1/events/${event.id}/void`, {
        method: 'POST',
        headers: await authorization(event.tenantid),
        body: JSON.stringify({ source: event.source, reason: 'test: void' }),
      });
      expect(response.status).toBe(200);
      voided.add(event.id);
    }

    const actual = await storedBuckets(owner);
    const expected = recomputeBuckets(stream, voided);
    expect(actual.size).toBe(expected.size);
    for (const [key, want] of expected) expect([key, actual.get(key)]).toEqual([key, want]);

    // Queries in time zones, against the raw list.
    const to = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    const from = new Date(to.getTime() - 31 * 86_400_000);
    const counted = firstArrivals.filter(
      (event) =>
        !voided.has(event.id) &&
        Date.parse(event.time) >= from.getTime() &&
        Date.parse(event.time) < to.getTime(),
    );
    for (const tenant of tenants) {
      const ofTenant = counted.filter((event) => event.tenantid === tenant);
      const tokens = await queryUsage(port, tenant, 'tokens', {
        from,
        to,
        windowSize: 'DAY',
        windowTimeZone: 'Europe/Berlin',
        groupBy: 'model',
      });
      expect(tokens).toEqual(
        bruteForceWindows(
          ofTenant,
          'DAY',
          'Europe/Berlin',
          (event) => ({ model: event.data.model }),
          (events) =>
            events.reduce((sum, event) => sum.plus(event.data.tokens), new Decimal(0)).toFixed(),
        ),
      );
      const latency = await queryUsage(port, tenant, 'mean-latency', {
        from,
        to,
        windowSize: 'HOUR',
        windowTimeZone: 'Asia/Kathmandu',
      });
      expect(latency).toEqual(
        bruteForceWindows(
          ofTenant,
          'HOUR',
          'Asia/Kathmandu',
          () => ({}),
          (events) =>
            events
              .reduce((sum, event) => sum.plus(event.data.latency), new Decimal(0))
              .dividedBy(events.length)
              .toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN)
              .toFixed(),
        ),
      );
    }
    expect(await service.stop()).toBe(0);

    const conflicts = Number(
      (await owner.query('SELECT count(*) FROM metering.event_conflicts')).rows[0].count,
    );
    expect(conflicts).toBeGreaterThanOrEqual(
      stream.filter((event) => event.expected === 'conflict').length,
    );
    const rejected = stream.filter((event) => event.expected === 'rejected').length;
    expect(await countMessages(kafka, deadLetterTopic(topic))).toBeGreaterThanOrEqual(rejected);
  });
});

type BucketTruth = {
  count: string;
  sum: string;
  min: string;
  max: string;
  latest: string;
  distinct: number;
};

/** What every minute bucket must hold, computed from the stream with plain decimal arithmetic. */
function recomputeBuckets(
  stream: StreamEvent[],
  voided: ReadonlySet<string>,
): Map<string, BucketTruth> {
  const seen = new Set<string>();
  const buckets = new Map<
    string,
    BucketTruth & { latestKey: [number, string, Decimal]; users: Set<string> }
  >();
  for (const event of stream) {
    const identity = `${event.tenantid}|${event.source}|${event.id}`;
    if (event.expected === 'rejected' || seen.has(identity)) continue;
    seen.add(identity);
    if (voided.has(event.id)) continue;
    const time = Date.parse(event.time);
    const minute = new Date(Math.floor(time / 60_000) * 60_000).toISOString();
    const tokens = new Decimal(event.data.tokens);
    const latency = new Decimal(event.data.latency);
    const add = (meter: string, group: string, value: Decimal) => {
      const key = [event.tenantid, meter, minute, event.subject, group].join('|');
      const bucket = buckets.get(key) ?? {
        count: '0',
        sum: '0',
        min: value.toFixed(),
        max: value.toFixed(),
        latest: '',
        distinct: 0,
        latestKey: [-1, '', new Decimal(0)],
        users: new Set<string>(),
      };
      bucket.count = String(Number(bucket.count) + 1);
      bucket.sum = new Decimal(bucket.sum).plus(value).toFixed();
      bucket.min = Decimal.min(bucket.min, value).toFixed();
      bucket.max = Decimal.max(bucket.max, value).toFixed();
      const candidate: [number, string, Decimal] = [
        time,
        `${event.source}\u001f${event.id}`,
        value,
      ];
      if (laterThan(candidate, bucket.latestKey)) {
        bucket.latestKey = candidate;
        bucket.latest = value.toFixed();
      }
      if (meter === 'users') bucket.users.add(JSON.stringify(event.data.user));
      bucket.distinct = bucket.users.size;
      buckets.set(key, bucket);
    };
    add('tokens', JSON.stringify({ model: event.data.model }), tokens);
    add('calls', '{}', new Decimal(1));
    add('peak-latency', '{}', latency);
    add('fastest', '{}', latency);
    add('mean-latency', JSON.stringify({ model: event.data.model }), latency);
    add('users', '{}', new Decimal(1));
    add('balance', '{}', tokens);
  }
  return new Map([...buckets].map(([key, { latestKey: _, users: __, ...truth }]) => [key, truth]));
}

/** Query rows computed from the raw events, windows named by their local wall clock. */
function bruteForceWindows(
  events: StreamEvent[],
  size: 'HOUR' | 'DAY',
  timeZone: string,
  groupOf: (event: StreamEvent) => Record<string, string>,
  valueOf: (events: StreamEvent[]) => string,
): QueryRow[] {
  const windows = new Map<
    string,
    { windowStart: string; groupBy: Record<string, string>; events: StreamEvent[] }
  >();
  for (const event of events) {
    const local = Temporal.Instant.from(event.time).toZonedDateTimeISO(timeZone);
    const start =
      size === 'DAY'
        ? local.startOfDay()
        : local.round({ smallestUnit: 'hour', roundingMode: 'floor' });
    const windowStart = new Date(start.epochMilliseconds).toISOString();
    const groupBy = groupOf(event);
    const key = JSON.stringify([windowStart, groupBy]);
    const window = windows.get(key) ?? { windowStart, groupBy, events: [] };
    window.events.push(event);
    windows.set(key, window);
  }
  return sortRows(
    [...windows.values()].map(({ windowStart, groupBy, events: inWindow }) => ({
      windowStart,
      groupBy,
      value: new Decimal(valueOf(inWindow)).toFixed(),
    })),
  );
}

type QueryRow = { windowStart: string; groupBy: Record<string, string>; value: string };

function sortRows(rows: QueryRow[]): QueryRow[] {
  return rows.sort(
    (a, b) =>
      a.windowStart.localeCompare(b.windowStart) ||
      JSON.stringify(a.groupBy).localeCompare(JSON.stringify(b.groupBy)),
  );
}

async function queryUsage(
  port: number,
  tenant: string,
  meter: string,
  parameters: {
    from: Date;
    to: Date;
    windowSize: string;
    windowTimeZone: string;
    groupBy?: string;
  },
): Promise<QueryRow[]> {
  const search = new URLSearchParams({
    from: parameters.from.toISOString(),
    to: parameters.to.toISOString(),
    windowSize: parameters.windowSize,
    windowTimeZone: parameters.windowTimeZone,
    ...(parameters.groupBy ? { groupBy: parameters.groupBy } : {}),
  });
  const response = await fetch(`http://127.0.0.1:${port}/v1/meters/${meter}/query?${search}`, {
    headers: await authorization(tenant),
  });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: QueryRow[] };
  return sortRows(
    data.map(({ windowStart, groupBy, value }) => ({
      windowStart,
      groupBy,
      value: new Decimal(value).toFixed(),
    })),
  );
}

function laterThan(a: [number, string, Decimal], b: [number, string, Decimal]): boolean {
  if (a[0] !== b[0]) return a[0] > b[0];
  // Code-point order, as PostgreSQL's "C" collation compares (ids here are ASCII).
  if (a[1] !== b[1]) return a[1] > b[1];
  return a[2].greaterThan(b[2]);
}

async function storedBuckets(owner: Client): Promise<Map<string, BucketTruth>> {
  const { rows } = await owner.query(
    `SELECT b.tenant_id, b.meter_key, b.bucket_start, b.subject, b.group_key, b.count, b.sum, b.min, b.max, b.latest_value,
            (SELECT count(*) FROM metering.usage_distinct_values d
              WHERE (d.tenant_id, d.meter_key, d.bucket_start, d.subject, d.group_key) = (b.tenant_id, b.meter_key, b.bucket_start, b.subject, b.group_key)) AS distinct
       FROM metering.usage_buckets b`,
  );
  return new Map(
    rows.map((row) => [
      [
        row.tenant_id,
        row.meter_key,
        row.bucket_start.toISOString(),
        row.subject,
        row.group_key,
      ].join('|'),
      {
        count: new Decimal(row.count).toFixed(),
        sum: new Decimal(row.sum).toFixed(),
        min: new Decimal(row.min).toFixed(),
        max: new Decimal(row.max).toFixed(),
        latest: new Decimal(row.latest_value).toFixed(),
        distinct: row.meter_key === 'users' ? Number(row.distinct) : 0,
      },
    ]),
  );
}

async function countMessages(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}
