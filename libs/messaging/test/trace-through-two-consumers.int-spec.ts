import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTelemetry, type Telemetry } from '@tenantry/observability/telemetry';
import { defineEventContract, parseEvent } from '@tenantry/schemas';
import { inTenantTransaction } from '@tenantry/tenant-context';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  createKafka,
  enqueueEvents,
  ensureTopics,
  InboxConsumer,
  OutboxRelay,
  outgoing,
  type ConsumedEvent,
  type EventHandler,
} from '../src';
import {
  entryRecorded,
  ledgerTopic,
  migrateLedgerDatabase,
  parseLedgerEvent,
  serviceDataSource,
  type LedgerEntry,
} from './ledger/ledger';

type AuditedEntry = { entry: string };

const entryAudited = defineEventContract<AuditedEntry>({
  type: 'ledger.entry.audited',
  topic: 'ledger.audit.v1',
  description: 'Test fixture: a ledger entry passed the audit',
  data: z.object({ entry: z.string() }),
  example: { entry: 'e-1' },
});

/** The first consumer: forwards each ledger entry to the audit topic through the outbox. */
class AuditForwarder implements EventHandler<LedgerEntry> {
  async handle(events: ConsumedEvent<LedgerEntry>[], manager: EntityManager): Promise<void> {
    const audited = events.map(({ event }) =>
      outgoing(
        entryAudited,
        { entry: event.id },
        { source: 'test/audit', tenantid: event.tenantid },
      ),
    );
    await enqueueEvents(manager, audited);
  }
}

/** The second consumer: remembers the entries whose audit event it applied. */
class AuditLog implements EventHandler<AuditedEntry> {
  readonly entries: string[] = [];

  async handle(events: ConsumedEvent<AuditedEntry>[]): Promise<void> {
    for (const { event } of events) this.entries.push(event.data.entry);
  }
}

describe('one trace through the outbox, Kafka and two consumers', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'two-consumer-trace-test' });
  const exporter = new InMemorySpanExporter();
  const auditLog = new AuditLog();
  let telemetry: Telemetry;
  let database: TestDatabase;
  let dataSource: DataSource;
  let relay: OutboxRelay;
  let consumers: Array<{ start(): Promise<void>; stop(): Promise<void> }>;

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'two-consumer-trace', spanExporter: exporter });
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    await ensureTopics(
      kafka,
      [ledgerTopic, entryAudited.topic].map((name) => ({ name, partitions: 1, retentionMs: -1 })),
      { prefix },
    );
    relay = new OutboxRelay({
      name: 'trace',
      kafka,
      databaseUrl: database.serviceUrl,
      topicPrefix: prefix,
      idleWaitMs: 100,
    });
    const wiring = { kafka, dataSource, topicPrefix: prefix };
    consumers = [
      new InboxConsumer({
        ...wiring,
        name: 'audit-forwarder',
        topics: [ledgerTopic],
        handler: new AuditForwarder(),
        parse: parseLedgerEvent,
      }),
      new InboxConsumer({
        ...wiring,
        name: 'audit-log',
        topics: [entryAudited.topic],
        handler: auditLog,
        parse: (event) => parseEvent(entryAudited, event),
      }),
    ];
    await relay.start();
    for (const consumer of consumers) await consumer.start();
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await relay.stop();
    await dataSource.destroy();
    await database.drop();
    await telemetry.shutdown();
  });

  it('continues the producing request’s trace in each consumer and in the events it produces', async () => {
    const entry = outgoing(
      entryRecorded,
      { amount: 5 },
      { source: 'test/ledger', tenantid: 'acme' },
    );
    const request = { kind: SpanKind.SERVER };
    await trace
      .getTracer('spec')
      .startActiveSpan('POST /v1/ledger/entries', request, async (span) => {
        await inTenantTransaction(dataSource, (manager) => enqueueEvents(manager, [entry]), 'acme');
        span.end();
      });
    await waitFor(() => auditLog.entries.includes(entry.event.id), { what: 'the audit event' });
    await waitFor(
      async () => {
        await telemetry.forceFlush();
        return exporter
          .getFinishedSpans()
          .some((span) => span.name === `${entryAudited.topic} process`);
      },
      { what: 'the second consumer’s span' },
    );

    const spans = exporter.getFinishedSpans();
    const root = only(spans, 'POST /v1/ledger/entries');
    const chain = [
      only(spans, `${ledgerTopic} publish`),
      only(spans, `${ledgerTopic} process`),
      only(spans, `${entryAudited.topic} publish`),
      only(spans, `${entryAudited.topic} process`),
    ];
    expect(root.parentSpanContext).toBeUndefined();
    let parent = root;
    for (const span of chain) {
      expect({ name: span.name, traceId: span.spanContext().traceId }).toEqual({
        name: span.name,
        traceId: root.spanContext().traceId,
      });
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      parent = span;
    }
    expect(chain.map((span) => span.kind)).toEqual([
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
    ]);
    expect(chain[1]!.attributes['messaging.message.id']).toBe(entry.event.id);
  });
});

function only(spans: ReadableSpan[], name: string): ReadableSpan {
  const matching = spans.filter((span) => span.name === name);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}
