import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTelemetry, type Telemetry } from '@tenantry/observability/telemetry';
import { createCloudEvent } from '@tenantry/schemas';
import { inTenantTransaction } from '@tenantry/tenant-context';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  createKafka,
  enqueueEvents,
  ensureTopics,
  InboxConsumer,
  OutboxRelay,
  type ConsumedEvent,
  type EventHandler,
} from '../src';
import {
  entryRecorded,
  ledgerTopic,
  migrateLedgerDatabase,
  serviceDataSource,
} from './ledger/ledger';

const auditTopic = 'ledger.audit.v1';

/** The first consumer: forwards each ledger entry to the audit topic through the outbox. */
class AuditForwarder implements EventHandler {
  async handle(events: ConsumedEvent[], manager: EntityManager): Promise<void> {
    await enqueueEvents(
      manager,
      events.map(({ event }) => ({
        topic: auditTopic,
        event: createCloudEvent({
          type: 'ledger.entry.audited',
          source: 'test/audit',
          tenantid: event.tenantid,
          data: { entry: event.id },
        }),
      })),
    );
  }
}

/** The second consumer: remembers the ids of the audit events it applied. */
class AuditLog implements EventHandler {
  readonly entries: string[] = [];

  async handle(events: ConsumedEvent[]): Promise<void> {
    for (const { event } of events) this.entries.push((event.data as { entry: string }).entry);
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
  let consumers: InboxConsumer[];

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'two-consumer-trace', spanExporter: exporter });
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    await ensureTopics(
      kafka,
      [ledgerTopic, auditTopic].map((name) => ({ name, partitions: 1, retentionMs: -1 })),
      { prefix },
    );
    relay = new OutboxRelay({
      name: 'trace',
      kafka,
      databaseUrl: database.serviceUrl,
      topicPrefix: prefix,
      idleWaitMs: 100,
    });
    const consumer = (name: string, topic: string, handler: EventHandler) =>
      new InboxConsumer({ name, kafka, dataSource, topics: [topic], topicPrefix: prefix, handler });
    consumers = [
      consumer('audit-forwarder', ledgerTopic, new AuditForwarder()),
      consumer('audit-log', auditTopic, auditLog),
    ];
    await relay.start();
    for (const started of consumers) await started.start();
  });

  afterAll(async () => {
    for (const started of consumers) await started.stop();
    await relay.stop();
    await dataSource.destroy();
    await database.drop();
    await telemetry.shutdown();
  });

  it('continues the producing request’s trace in each consumer and in the events it produces', async () => {
    const entry = createCloudEvent({
      type: entryRecorded.type,
      source: 'test/ledger',
      tenantid: 'acme',
      data: { amount: 5 },
    });
    const request = { kind: SpanKind.SERVER };
    await trace
      .getTracer('spec')
      .startActiveSpan('POST /v1/ledger/entries', request, async (span) => {
        await inTenantTransaction(
          dataSource,
          (manager) => enqueueEvents(manager, [{ topic: ledgerTopic, event: entry }]),
          'acme',
        );
        span.end();
      });
    await waitFor(() => auditLog.entries.includes(entry.id), { what: 'the audit event' });
    await waitFor(
      async () => {
        await telemetry.forceFlush();
        return exporter.getFinishedSpans().some((span) => span.name === `${auditTopic} process`);
      },
      { what: 'the second consumer’s span' },
    );

    const spans = exporter.getFinishedSpans();
    const root = only(spans, 'POST /v1/ledger/entries', (span) => !span.parentSpanContext);
    const chain = [
      only(spans, `${ledgerTopic} publish`),
      only(spans, `${ledgerTopic} process`),
      only(spans, `${auditTopic} publish`),
      only(spans, `${auditTopic} process`),
    ];
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
    expect(chain[1]!.attributes['messaging.message.id']).toBe(entry.id);
  });
});

function only(
  spans: ReadableSpan[],
  name: string,
  predicate: (span: ReadableSpan) => boolean = () => true,
): ReadableSpan {
  const matching = spans.filter((span) => span.name === name && predicate(span));
  expect(matching).toHaveLength(1);
  return matching[0]!;
}
