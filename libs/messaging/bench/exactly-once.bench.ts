// npm run bench:messaging [-- --events 50000 --trickle 300]
// The exactly-once path (outbox → relay → Kafka → inbox consumer → projection) against
// real Kafka and PostgreSQL, beside two baselines measured in the same run on the same
// machine: bare kafkajs produce + consume of the same messages, and a bare pg multi-row
// insert of the same rows. Prints throughput and outbox-to-projection latency.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createCloudEvent, toKafkaMessage, fromKafkaMessage } from '@tenantry/schemas';
import { inTenantTransaction } from '@tenantry/tenant-context';
import {
  createTestDatabase,
  ensureServiceRole,
  provideTestInfrastructure,
  waitFor,
} from '@tenantry/testing';
import { Client } from 'pg';
import {
  createKafka,
  enqueueEvents,
  ensureTopics,
  idempotentProducer,
  InboxConsumer,
  OutboxRelay,
  outgoing,
} from '../src';
import {
  entryRecorded,
  LedgerProjection,
  ledgerTopic,
  migrateLedgerDatabase,
  parseLedgerEvent,
  serviceDataSource,
} from '../test/ledger/ledger';

const tenants = ['acme', 'globex', 'initech'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '50000' },
      trickle: { type: 'string', default: '300' },
    },
  });
  const eventCount = Number(values.events);
  const trickleCount = Number(values.trickle);
  const infrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  const database = await createTestDatabase(infrastructure.postgresAdminUrl);
  const kafka = createKafka({ brokers: infrastructure.kafkaBrokers, clientId: 'bench' });
  const prefix = `bench-${Date.now()}.`;
  try {
    await migrateLedgerDatabase(database.ownerUrl);
    await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 3, retentionMs: -1 }], { prefix });
    const events = Array.from({ length: eventCount }, (_, index) =>
      createCloudEvent({
        id: randomUUID(),
        type: entryRecorded.type,
        source: 'bench',
        tenantid: tenants[index % tenants.length]!,
        data: { amount: (index % 97) + 1 },
      }),
    );

    const pipeline = await measurePipeline(kafka, database, prefix, events, trickleCount);
    const kafkaBaseline = await measureBareKafka(kafka, `${prefix}baseline`, events);
    const pgBaseline = await measureBareInsert(database.ownerUrl, events);

    const slower = Math.min(kafkaBaseline, pgBaseline);
    console.log(
      `\nexactly-once path, ${eventCount.toLocaleString('en')} events over ${tenants.length} tenants, 3 partitions`,
    );
    console.table({
      'outbox → projection (exactly once)': { 'events/s': Math.round(pipeline.throughput) },
      'baseline: bare kafkajs produce + consume': { 'events/s': Math.round(kafkaBaseline) },
      'baseline: bare pg multi-row insert': { 'events/s': Math.round(pgBaseline) },
    });
    console.log(`ratio to the slower baseline: ${(pipeline.throughput / slower).toFixed(2)}`);
    console.log(
      `latency, outbox insert → projection commit, ${trickleCount} events one by one: p50 ${pipeline.p50.toFixed(1)} ms, p99 ${pipeline.p99.toFixed(1)} ms`,
    );
    console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await database.drop();
    await infrastructure.stop();
  }
}

async function measurePipeline(
  kafka: ReturnType<typeof createKafka>,
  database: Awaited<ReturnType<typeof createTestDatabase>>,
  prefix: string,
  events: ReturnType<typeof createCloudEvent<{ amount: number }>>[],
  trickleCount: number,
): Promise<{ throughput: number; p50: number; p99: number }> {
  const dataSource = await serviceDataSource(database.serviceUrl);
  const relay = new OutboxRelay({
    name: 'bench',
    kafka,
    databaseUrl: database.serviceUrl,
    topicPrefix: prefix,
  });
  const consumer = new InboxConsumer({
    name: 'bench-projection',
    kafka,
    dataSource,
    topics: [ledgerTopic],
    topicPrefix: prefix,
    handler: new LedgerProjection(),
    parse: parseLedgerEvent,
    partitionsConsumedConcurrently: 3,
  });
  const owner = new Client({ connectionString: database.ownerUrl });
  await owner.connect();
  const applied = async () =>
    Number((await owner.query('SELECT count(*) FROM ledger.entries')).rows[0].count);
  await relay.start();
  await consumer.start();

  // Warm-up: group join, metadata, JIT.
  await enqueue(dataSource, events.slice(0, 100));
  await waitFor(async () => (await applied()) >= 100, { timeoutMs: 120_000 });

  const started = performance.now();
  const bulk = events.slice(100);
  for (let start = 0; start < bulk.length; start += 500)
    await enqueue(dataSource, bulk.slice(start, start + 500));
  await waitFor(async () => (await applied()) >= events.length, {
    timeoutMs: 600_000,
    intervalMs: 20,
  });
  const throughput = bulk.length / ((performance.now() - started) / 1000);

  await owner.query('TRUNCATE ledger.entries');
  for (let index = 0; index < trickleCount; index++) {
    await enqueue(dataSource, [
      createCloudEvent({
        type: entryRecorded.type,
        source: 'bench',
        tenantid: 'acme',
        data: { amount: 1 },
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await waitFor(async () => (await applied()) >= trickleCount, { timeoutMs: 120_000 });
  const { rows } = await owner.query<{ p50: number; p99: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - event_time) * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - event_time) * 1000) AS p99
       FROM ledger.entries`,
  );
  await consumer.stop();
  await relay.stop();
  await owner.end();
  await dataSource.destroy();
  return { throughput, p50: rows[0]!.p50, p99: rows[0]!.p99 };
}

async function enqueue(
  dataSource: Awaited<ReturnType<typeof serviceDataSource>>,
  batch: ReturnType<typeof createCloudEvent<{ amount: number }>>[],
): Promise<void> {
  const byTenant = Map.groupBy(batch, (event) => event.tenantid);
  for (const [tenant, tenantEvents] of byTenant) {
    await inTenantTransaction(
      dataSource,
      (manager) =>
        enqueueEvents(
          manager,
          tenantEvents.map(({ data, id, source, tenantid, time }) =>
            outgoing(entryRecorded, data, { id, source, tenantid, time }),
          ),
        ),
      tenant,
    );
  }
}

/** Bare kafkajs: produce every message (batches of 500), then consume and decode them all. */
async function measureBareKafka(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  events: ReturnType<typeof createCloudEvent>[],
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer(idempotentProducer);
  const consumer = kafka.consumer({ groupId: `${topic}-reader` });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) fromKafkaMessage(message);
      consumed += batch.messages.length;
    },
  });
  const started = performance.now();
  for (let start = 0; start < events.length; start += 500) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(start, start + 500).map((event) => toKafkaMessage(event)),
    });
  }
  await waitFor(() => consumed >= events.length, { timeoutMs: 600_000, intervalMs: 20 });
  const rate = events.length / ((performance.now() - started) / 1000);
  await consumer.disconnect();
  await producer.disconnect();
  return rate;
}

/** Bare pg: the projection's rows inserted with multi-row INSERT … unnest, 500 per statement. */
async function measureBareInsert(
  ownerUrl: string,
  events: ReturnType<typeof createCloudEvent<{ amount: number }>>[],
): Promise<number> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_rows (tenant_id text, event_id text, amount bigint, event_time timestamptz)',
  );
  const started = performance.now();
  for (let start = 0; start < events.length; start += 500) {
    const slice = events.slice(start, start + 500);
    await client.query(
      'INSERT INTO bench_rows SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[])',
      [
        slice.map((e) => e.tenantid),
        slice.map((e) => e.id),
        slice.map((e) => e.data.amount),
        slice.map((e) => e.time),
      ],
    );
  }
  const rate = events.length / ((performance.now() - started) / 1000);
  await client.end();
  return rate;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
