import { createKafka, ensureTopics, idempotentProducer, InboxConsumer } from '../src';
import type { ConsumedEvent, EventHandler } from '../src';
import {
  createCloudEvent,
  deadLetterHeaders,
  deadLetterTopic,
  toKafkaMessage,
} from '@tenantry/schemas';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import type { KafkaMessage, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  entryRecorded,
  LedgerProjection,
  type LedgerEntry,
  ledgerTopic,
  migrateLedgerDatabase,
  parseLedgerEvent,
  serviceDataSource,
} from './ledger/ledger';

/** Events of amount -2 violate a NOT NULL constraint; amount -3 fails its first try with a serialization failure. */
class FaultyLedger implements EventHandler<LedgerEntry> {
  readonly tries = new Map<string, number>();
  private readonly ledger = new LedgerProjection();

  async handle(events: ConsumedEvent<LedgerEntry>[], manager: EntityManager): Promise<void> {
    for (const { event } of events) this.tries.set(event.id, (this.tries.get(event.id) ?? 0) + 1);
    const violating = events.find(({ event }) => event.data.amount === -2);
    if (violating) {
      await manager.query(
        `INSERT INTO ledger.totals (tenant_id, events, amount) VALUES ($1, NULL, 0)`,
        [violating.event.tenantid],
      );
    }
    const conflicting = events.find(({ event }) => event.data.amount === -3);
    if (conflicting && this.tries.get(conflicting.event.id) === 1) {
      await manager.query(
        `DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$`,
      );
    }
    await this.ledger.handle(events, manager);
  }
}

describe('inbox consumer errors', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${ledgerTopic}`;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'handler-errors-test' });
  const handler = new FaultyLedger();
  const deadLetters: KafkaMessage[] = [];
  let database: TestDatabase;
  let dataSource: DataSource;
  let producer: Producer;
  let consumer: InboxConsumer<LedgerEntry>;
  let dlqReader: ReturnType<typeof kafka.consumer>;
  let owner: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 1, retentionMs: -1 }], { prefix });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
    consumer = new InboxConsumer({
      name: 'faulty-ledger',
      kafka,
      dataSource,
      topics: [ledgerTopic],
      topicPrefix: prefix,
      handler,
      parse: parseLedgerEvent,
      retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
    });
    await consumer.start();
    dlqReader = kafka.consumer({ groupId: `${prefix}dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await dlqReader.disconnect();
    await consumer.stop();
    await producer.disconnect();
    await owner.end();
    await dataSource.destroy();
    await database.drop();
  });

  const send = (id: string, amount: number, tenantid: string) =>
    producer.send({
      topic,
      messages: [
        toKafkaMessage(
          createCloudEvent({
            id,
            type: entryRecorded.type,
            source: 'test/ledger',
            tenantid,
            data: { amount },
          }),
        ),
      ],
    });
  const appliedEvents = async (tenant: string) => {
    const { rows } = await owner.query<{ id: string }>(
      'SELECT event_id AS id FROM ledger.entries WHERE tenant_id = $1 ORDER BY event_id',
      [tenant],
    );
    return rows.map((row) => row.id);
  };
  const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

  it('dead-letters an event whose handler violates a constraint at once, with attempts 1', async () => {
    await send('evt-violating', -2, 'constraint');
    await send('evt-after-violation', 5, 'constraint');
    await waitFor(async () => (await appliedEvents('constraint')).includes('evt-after-violation'), {
      what: 'the event after the violating one',
    });
    await waitFor(() => deadLetters.length >= 1, { what: 'a dead letter' });

    expect(await appliedEvents('constraint')).toEqual(['evt-after-violation']);
    expect(deadLetters).toHaveLength(1);
    expect(header(deadLetters[0]!, deadLetterHeaders.attempts)).toBe('1');
    expect(header(deadLetters[0]!, deadLetterHeaders.reason)).toMatch(/null value/);
    // Once in its batch, once alone to find it: never retried (3 tries would make 4).
    expect(handler.tries.get('evt-violating')).toBe(2);
  });

  it('retries an event whose transaction fails with a serialization failure, and applies it once', async () => {
    await send('evt-conflicting', -3, 'transient');
    await waitFor(async () => (await appliedEvents('transient')).includes('evt-conflicting'), {
      what: 'the retried event',
    });
    expect(handler.tries.get('evt-conflicting')).toBe(2);
    expect(await appliedEvents('transient')).toEqual(['evt-conflicting']);
    expect(deadLetters.map((message) => header(message, deadLetterHeaders.id))).toHaveLength(1);
  });
});
