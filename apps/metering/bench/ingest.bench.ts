// npm run bench:metering [-- --events 1000000 --http-events 100000]
// Produces N usage events (10 % exact duplicates) into metering.usage.v1 while the metering
// service runs as its own process, and measures events/s from the first produce to the last
// aggregate committed, and the service's peak RSS. Baselines in the same run, on the same
// messages: a bare kafkajs consumer that only decodes, and a bare pg multi-row insert.
// Then one client POSTs other events to /v1/events in batches of 1,000, one request after the
// other; its baseline is a bare node:http server that parses the same bodies and answers as long
// a JSON answer.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import {
  fromKafkaMessage,
  toKafkaMessage,
  usageRecorded,
  type CloudEvent,
} from '@tenantry/schemas';
import {
  ensureServiceRole,
  provideTestInfrastructure,
  startTsProcess,
  waitFor,
  waitForConsumerToCatchUp,
} from '@tenantry/testing';
import { Client } from 'pg';
import { authorization, insertMeter, prepareMeteringEnvironment } from '../test/metering-test-app';

const tenants = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];
const httpBatch = 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      'http-events': { type: 'string', default: '100000' },
    },
  });
  const eventCount = Number(values.events);
  const httpEventCount = Number(values['http-events']);
  const infrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  process.env.TENANTRY_TEST_POSTGRES_URL = infrastructure.postgresAdminUrl;
  process.env.TENANTRY_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  const port = await freePort();
  const { database, config, env } = await prepareMeteringEnvironment({
    LOG_LEVEL: 'error',
    PORT: String(port),
  });
  const owner = new Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    for (const tenant of tenants) {
      await insertMeter(owner, tenant, {
        key: 'tokens',
        eventType: 'llm.tokens',
        aggregation: 'SUM',
        valueProperty: '$.tokens',
        groupBy: { model: '$.model' },
      });
      await insertMeter(owner, tenant, {
        key: 'calls',
        eventType: 'llm.tokens',
        aggregation: 'COUNT',
        groupBy: {},
      });
    }
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'metering-bench' });
    const topic = `${config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`;
    const events = generate(eventCount);

    const service = startTsProcess(path.join(__dirname, '../src/main.ts'), env);
    await service.printed('ready');
    const readyRssMiB = currentRss(service.child.pid!);
    const loadBefore = loadavg()[0]!;
    const cpuBefore = await cpuSeconds(owner, service.child.pid!);
    const started = performance.now();
    const producer = kafka.producer(idempotentProducer);
    await producer.connect();
    for (let start = 0; start < events.length; start += 5000) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.slice(start, start + 5000).map((event) => toKafkaMessage(event)),
      });
    }
    await producer.disconnect();
    await waitForConsumerToCatchUp(
      kafka,
      `${config.KAFKA_TOPIC_PREFIX}metering-usage`,
      topic,
      3_600_000,
    );
    const serviceRate = events.length / ((performance.now() - started) / 1000);
    const loadAfter = loadavg()[0]!;
    const cpuAfter = await cpuSeconds(owner, service.child.pid!);
    const unique = Number(
      (await owner.query('SELECT count(*) FROM metering.events')).rows[0].count,
    );

    const httpBatches = batchesOf(generate(httpEventCount), httpBatch);
    const httpRate = await postInOrder(`http://127.0.0.1:${port}/v1/events`, httpBatches);
    const peakRssMiB = peakRss(service.child.pid!);
    await service.stop();
    const httpBaselineRate = await bareHttp(httpBatches);

    const decodeRate = await bareConsume(kafka, topic, events.length);
    const insertRate = await bareInsert(owner, events);
    const slower = Math.min(decodeRate, insertRate);
    console.log(
      `\nmetering ingest, ${events.length.toLocaleString('en')} events (${unique.toLocaleString('en')} unique), ${tenants.length} tenants, 2 meters each`,
    );
    console.table({
      'metering service: produce → aggregates committed': { 'events/s': Math.round(serviceRate) },
      'baseline: bare kafkajs consumer, decode only': { 'events/s': Math.round(decodeRate) },
      'baseline: bare pg multi-row insert': { 'events/s': Math.round(insertRate) },
    });
    console.log(`ratio to the slower baseline: ${(serviceRate / slower).toFixed(2)}`);
    console.log(
      `load average (1 min) before and after the Kafka run: ${loadBefore.toFixed(2)}, ${loadAfter.toFixed(2)}`,
    );
    const perEvent = (seconds: number) => ((seconds / events.length) * 1e6).toFixed(0);
    console.log(
      `CPU per event (what other load changes least): service ${perEvent(cpuAfter.service - cpuBefore.service)} µs, ` +
        `its PostgreSQL backends ${perEvent(cpuUsedSince(cpuBefore.postgres, cpuAfter.postgres))} µs`,
    );
    console.log(
      `\nHTTP, ${httpEventCount.toLocaleString('en')} events in batches of ${httpBatch.toLocaleString('en')}, one client, one request at a time`,
    );
    console.table({
      'POST /v1/events → answered': { 'events/s': Math.round(httpRate) },
      'baseline: bare node:http, JSON parse and answer': {
        'events/s': Math.round(httpBaselineRate),
      },
    });
    console.log(`ratio to the baseline: ${(httpRate / httpBaselineRate).toFixed(2)}`);
    console.log(`service RSS when ready: ${readyRssMiB} MiB; peak (both runs): ${peakRssMiB} MiB`);
  } finally {
    await owner.end();
    await database.drop();
    await infrastructure.stop();
  }
}

function generate(count: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  const now = Date.now();
  for (let index = 0; index < count; index++) {
    if (index % 10 === 9) {
      events.push(events[index - 5]!);
      continue;
    }
    events.push({
      specversion: '1.0',
      datacontenttype: 'application/json',
      id: randomUUID(),
      source: 'bench',
      type: 'llm.tokens',
      tenantid: tenants[index % tenants.length]!,
      subject: `customer-${index % 100}`,
      time: new Date(now - (index % 3_600_000)).toISOString(),
      data: { tokens: index % 1000, model: ['small', 'large'][index % 2] },
    });
  }
  return events;
}

type BenchEvent = CloudEvent<Record<string, unknown>>;

function batchesOf(events: BenchEvent[], size: number): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < events.length; start += size) {
    // Over HTTP the tenant comes from the caller's token, never from the event.
    const batch = events.slice(start, start + size).map(({ tenantid: _tenant, ...event }) => event);
    bodies.push(JSON.stringify(batch));
  }
  return bodies;
}

/** Sends the batches as one client of one tenant, each after the answer to the previous one. */
async function postInOrder(url: string, bodies: string[]): Promise<number> {
  const headers = await authorization(tenants[0]!, ['metering:write']);
  let events = 0;
  const started = performance.now();
  for (const body of bodies) {
    const answer = await fetch(url, { method: 'POST', headers, body });
    const tally = (await answer.json()) as { accepted?: number; duplicate?: number };
    if (answer.status !== 200) throw new Error(`POST /v1/events answered ${answer.status}`);
    events += (tally.accepted ?? 0) + (tally.duplicate ?? 0);
  }
  return events / ((performance.now() - started) / 1000);
}

/** The same requests to a server that only parses each body and answers one result per event. */
async function bareHttp(bodies: string[]): Promise<number> {
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const batch = JSON.parse(Buffer.concat(parts).toString('utf8')) as BenchEvent[];
      const results = batch.map(({ id, source }) => ({
        status: 'accepted',
        id,
        source,
        late: false,
      }));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ results, accepted: results.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await postInOrder(`http://127.0.0.1:${port}/`, bodies);
  } finally {
    await close(server);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

const clockTicks = 100;

/** CPU seconds (user + system) the service process and each PostgreSQL backend of its database used so far. */
async function cpuSeconds(
  owner: Client,
  servicePid: number,
): Promise<{ service: number; postgres: Map<number, number> }> {
  const { rows } = await owner.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`,
  );
  const postgres = new Map(rows.map(({ pid }) => [pid, processCpuSeconds(pid)]));
  return { service: processCpuSeconds(servicePid), postgres };
}

function cpuUsedSince(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return 0; // a backend that ended meanwhile
  }
}

function peakRss(pid: number): number {
  return statusMiB(pid, 'VmHWM');
}

function currentRss(pid: number): number {
  return statusMiB(pid, 'VmRSS');
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
}

async function bareConsume(
  kafka: ReturnType<typeof createKafka>,
  topic: string,
  count: number,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `${topic}-bare-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  const started = performance.now();
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) fromKafkaMessage(message);
      consumed += batch.messages.length;
    },
  });
  await waitFor(() => consumed >= count, { intervalMs: 20, timeoutMs: 3_600_000 });
  const rate = count / ((performance.now() - started) / 1000);
  await consumer.disconnect();
  return rate;
}

async function bareInsert(owner: Client, events: BenchEvent[]): Promise<number> {
  await owner.query(
    'CREATE TABLE bench_events (tenant_id text, source text, event_id text, time timestamptz, data jsonb)',
  );
  const started = performance.now();
  for (let start = 0; start < events.length; start += 1000) {
    const slice = events.slice(start, start + 1000);
    await owner.query(
      'INSERT INTO bench_events SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])',
      [
        slice.map((e) => e.tenantid),
        slice.map((e) => e.source),
        slice.map((e) => e.id),
        slice.map((e) => e.time),
        slice.map((e) => JSON.stringify(e.data)),
      ],
    );
  }
  return events.length / ((performance.now() - started) / 1000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
