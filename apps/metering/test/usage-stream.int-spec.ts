import path from 'node:path';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { deadLetterTopic, toKafkaMessage, usageRecorded } from '@tenantry/schemas';
import { startTsProcess, waitFor, type TestDatabase } from '@tenantry/testing';
import Decimal from 'decimal.js';
import { Client } from 'pg';
import { insertMeter, prepareMeteringEnvironment } from './metering-test-app';
import { generateUsageStream, streamMeters, type StreamEvent } from './usage-stream';

const tenants = ['acme', 'globex', 'initech', 'umbrella'];
const eventCount = Number(process.env.METERING_STREAM_EVENTS ?? 100_000);

describe('a usage stream through Kafka, with the consumer killed twice', () => {
  let database: TestDatabase;
  let owner: Client;

  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  jest.setTimeout(900_000);

  it('counts every event exactly once: every bucket equals a recomputation from the raw list', async () => {
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
    const service = startTsProcess(main, environment.env);
    await service.printed('ready');
    await waitForConsumerToCatchUp(
      kafka,
      `${environment.config.KAFKA_TOPIC_PREFIX}metering-usage`,
      topic,
    );
    expect(await service.stop()).toBe(0);

    expect(await storedEvents()).toBe(firsts);
    const actual = await storedBuckets(owner);
    const expected = recomputeBuckets(stream);
    expect(actual.size).toBe(expected.size);
    for (const [key, want] of expected) expect([key, actual.get(key)]).toEqual([key, want]);

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
function recomputeBuckets(stream: StreamEvent[]): Map<string, BucketTruth> {
  const seen = new Set<string>();
  const buckets = new Map<
    string,
    BucketTruth & { latestKey: [number, string, Decimal]; users: Set<string> }
  >();
  for (const event of stream) {
    const identity = `${event.tenantid}|${event.source}|${event.id}`;
    if (event.expected === 'rejected' || seen.has(identity)) continue;
    seen.add(identity);
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

async function waitForConsumerToCatchUp(
  kafka: ReturnType<typeof createKafka>,
  groupId: string,
  topic: string,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        // An empty partition has nothing to commit.
        return ends.every(
          ({ partition, high, low }) =>
            high === low ||
            committed!.partitions.find((p) => p.partition === partition)?.offset === high,
        );
      },
      {
        intervalMs: 200,
        timeoutMs: 300_000,
        what: 'the consumer to commit the end of every partition',
      },
    );
  } finally {
    await admin.disconnect();
  }
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
