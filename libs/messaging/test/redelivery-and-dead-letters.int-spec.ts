import { createKafka, ensureTopics, idempotentProducer, InboxConsumer } from '../src';
import {
  createCloudEvent,
  deadLetterHeaders,
  deadLetterTopic,
  replayHeader,
  toKafkaMessage,
} from '@tenantry/schemas';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import type { KafkaMessage, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  entryRecorded,
  LedgerProjection,
  type LedgerEntry,
  ledgerTopic,
  migrateLedgerDatabase,
  parseLedgerEvent,
  serviceDataSource,
} from './ledger/ledger';

describe('inbox consumer', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${ledgerTopic}`;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'redelivery-test' });
  let database: TestDatabase;
  let dataSource: DataSource;
  let producer: Producer;
  let consumer: InboxConsumer<LedgerEntry>;
  let owner: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 1, retentionMs: -1 }], { prefix });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
    consumer = new InboxConsumer({
      name: 'ledger-projection',
      kafka,
      dataSource,
      topics: [ledgerTopic],
      topicPrefix: prefix,
      handler: new LedgerProjection(),
      parse: parseLedgerEvent,
      retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
    });
    await consumer.start();
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await owner.end();
    await dataSource.destroy();
    await database.drop();
  });

  const entry = (id: string, amount: number, tenantid = 'acme') =>
    createCloudEvent({
      id,
      type: entryRecorded.type,
      source: 'test/ledger',
      tenantid,
      data: { amount },
    });
  const send = (...messages: Message[]) => producer.send({ topic, messages });
  const appliedAmount = async (tenant: string) => {
    const { rows } = await owner.query<{ amount: string | null }>(
      'SELECT sum(amount) AS amount FROM ledger.entries WHERE tenant_id = $1',
      [tenant],
    );
    return Number(rows[0]!.amount ?? 0);
  };
  /** Sends a marker event and waits until it is applied: everything before it was consumed. */
  const drain = async (tenant: string) => {
    const before = await appliedAmount(tenant);
    await send(toKafkaMessage(entry(`marker-${Date.now()}-${Math.random()}`, 1000, tenant)));
    await waitFor(async () => (await appliedAmount(tenant)) >= before + 1000, {
      what: 'the marker event',
    });
  };

  it('changes nothing when an event is redelivered with the same ce_id', async () => {
    const event = entry('evt-redelivered', 7, 'redelivery');
    await send(toKafkaMessage(event));
    await send(toKafkaMessage(event), toKafkaMessage(event));
    await drain('redelivery');
    expect(await appliedAmount('redelivery')).toBe(7 + 1000);
  });

  it('applies a replayed event once, however often it is replayed', async () => {
    const original = entry('evt-original', 11, 'replay');
    await send(toKafkaMessage(original));
    const replay = (event: ReturnType<typeof entry>, offset: string): Message => {
      const message = toKafkaMessage(event);
      return {
        ...message,
        headers: { ...message.headers, [replayHeader]: `${topic}/0/${offset}` },
      };
    };
    // A replay of an applied event, and an event the consumer only ever sees as replays.
    const onlyReplayed = entry('evt-only-replayed', 13, 'replay');
    await send(replay(original, '1'), replay(onlyReplayed, '2'), replay(onlyReplayed, '2'));
    await drain('replay');
    expect(await appliedAmount('replay')).toBe(11 + 13 + 1000);
  });

  it('sends poison messages to the dead-letter topic with the reason and origin, and moves on', async () => {
    const deadLetters: KafkaMessage[] = [];
    const dlqReader = kafka.consumer({ groupId: `${prefix}dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });

    const valid = toKafkaMessage(entry('evt-valid', 3, 'poison'));
    const schemaViolation = toKafkaMessage({
      ...entry('evt-bad-amount', 1, 'poison'),
      data: { amount: 'lots' },
    });
    const forbidden = toKafkaMessage(entry('evt-forbidden', -1, 'poison'));
    const { ce_id: _withoutId, ...headersWithoutId } = valid.headers;
    await send(
      { ...valid, value: Buffer.from('{"amount": 3') },
      { ...valid, headers: headersWithoutId },
      schemaViolation,
      forbidden,
      valid,
    );
    await drain('poison');
    expect(await appliedAmount('poison')).toBe(3 + 1000);

    await waitFor(() => deadLetters.length >= 4, { what: 'four dead letters' });
    await dlqReader.disconnect();
    const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
    const failures = deadLetters.map((message) => [
      header(message, deadLetterHeaders.error),
      header(message, deadLetterHeaders.reason),
    ]);
    expect(failures).toEqual([
      ['EnvelopeError', expect.stringMatching(/JSON/i)],
      ['EnvelopeError', expect.stringMatching(/ce_id/)],
      ['SchemaViolationError', expect.stringMatching(/amount/)],
      ['PoisonEventError', expect.stringMatching(/forbidden amount -1/)],
    ]);
    for (const message of deadLetters) {
      expect(header(message, deadLetterHeaders.originTopic)).toBe(topic);
      expect(header(message, deadLetterHeaders.originPartition)).toBe('0');
      expect(header(message, deadLetterHeaders.originOffset)).toMatch(/^\d+$/);
      expect(header(message, deadLetterHeaders.attempts)).toBe('1');
      expect(header(message, deadLetterHeaders.id)).toBe(
        `ledger-projection/${topic}/0/${header(message, deadLetterHeaders.originOffset)}`,
      );
    }
    expect(deadLetters[2]!.value!.toString()).toBe(schemaViolation.value.toString());
  });
});
