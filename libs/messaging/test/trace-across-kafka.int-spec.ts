import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devKeyPair, mintInternalToken } from '@tenantry/auth';
import { readSpanFile, type RecordedSpan } from '@tenantry/observability';
import {
  createTestDatabase,
  freePort,
  startTsProcess,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import { Client } from 'pg';
import { createKafka, ensureTopics } from '../src';
import { ledgerTopic, migrateLedgerDatabase } from './ledger/ledger';

describe('one trace across HTTP, the outbox, Kafka and the consumer', () => {
  let database: TestDatabase;
  let traceDirectory: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    traceDirectory = mkdtempSync(path.join(tmpdir(), 'tenantry-trace-'));
  });

  afterAll(async () => {
    await database.drop();
    rmSync(traceDirectory, { recursive: true, force: true });
  });

  it("links the HTTP request, the Kafka produce, the consume and the handler's queries in one trace", async () => {
    const prefix = uniqueTopicPrefix();
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'trace-test' });
    await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 1, retentionMs: -1 }], { prefix });
    const port = await freePort();
    const traceFile = path.join(traceDirectory, 'spans.jsonl');
    const service = startTsProcess(path.join(__dirname, 'fixtures/ledger-service.ts'), {
      PORT: String(port),
      NODE_ENV: 'test',
      DATABASE_URL: database.serviceUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      TENANTRY_TRACE_FILE: traceFile,
      LOG_LEVEL: 'warn',
    });
    await service.printed('ready');
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const token = await mintInternalToken(devKeyPair().privateKey, {
      tenantId: 'acme',
      subject: 'ana@acme',
      roles: ['ledger:write'],
      ttlSeconds: 60,
    });
    const response = await fetch(`http://127.0.0.1:${port}/v1/ledger/entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 42 }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };

    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await waitFor(
      async () =>
        (await owner.query('SELECT 1 FROM ledger.entries WHERE event_id = $1', [id])).rowCount ===
        1,
      { what: 'the entry in the projection' },
    );
    await owner.end();
    expect(await service.stop()).toBe(0);

    const spans = readSpanFile(traceFile);
    const server = only(
      spans,
      (span) => span.kind === 'SERVER' && span.name === 'POST /v1/ledger/entries',
    );
    const publish = only(spans, (span) => span.name === `${ledgerTopic} publish`);
    const consume = only(spans, (span) => span.name === `${ledgerTopic} process`);
    expect(publish).toMatchObject({
      traceId: server.traceId,
      parentSpanId: server.spanId,
      kind: 'PRODUCER',
    });
    expect(consume).toMatchObject({
      traceId: server.traceId,
      parentSpanId: publish.spanId,
      kind: 'CONSUMER',
    });
    expect(consume.attributes['messaging.message.id']).toBe(id);
    // The handler runs in the consumer span: its queries belong to the request's trace.
    const projectionWrite = only(spans, (span) =>
      String(span.attributes['db.query.text'] ?? '').startsWith('INSERT INTO ledger.entries'),
    );
    expect(projectionWrite).toMatchObject({
      traceId: server.traceId,
      parentSpanId: consume.spanId,
    });
  });
});

function only(spans: RecordedSpan[], predicate: (span: RecordedSpan) => boolean): RecordedSpan {
  const matching = spans.filter(predicate);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}
