import { metricsRegistry } from '@tenantry/observability';
import { testKafkaBrokers, uniqueTopicPrefix, waitFor } from '@tenantry/testing';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { ConsumerLagMonitor, createKafka, ensureTopics } from '../src';

describe('consumer lag', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}lag.v1`;
  const group = `${prefix}stuck-consumer`;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'consumer-lag-test' });
  let producer: Producer;
  let admin: Admin;
  let consumer: Consumer;
  let release: () => void;
  const monitor = new ConsumerLagMonitor(kafka);
  monitor.watch(group, [topic]);

  const send = (partition: number, count: number) =>
    producer.send({
      topic,
      messages: Array.from({ length: count }, (_, index) => ({ partition, value: `m${index}` })),
    });
  const reportedLag = async (partition: number): Promise<number | undefined> => {
    const metrics = await metricsRegistry.getSingleMetric('kafka_consumer_lag_messages')!.get();
    return metrics.values.find(
      ({ labels }) =>
        labels.group === group && labels.topic === topic && labels.partition === String(partition),
    )?.value;
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [{ name: 'lag.v1', partitions: 2, retentionMs: -1 }], { prefix });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    await send(0, 3);
    await send(1, 2);

    // A consumer that commits its first message on partition 0, then hangs in its handler
    // (on both partitions at once, so neither waits for the other).
    consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let committed = false;
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 2,
      eachMessage: async ({ partition, message }) => {
        if (partition === 0 && !committed) {
          await consumer.commitOffsets([
            { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
          committed = true;
        }
        await stuck;
      },
    });
    await waitFor(() => committed, { what: 'the first commit' });
  });

  afterAll(async () => {
    release();
    await consumer.disconnect();
    await monitor.stop();
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  });

  it('reports the lag of a stuck consumer from the broker, per partition', async () => {
    await monitor.refresh();
    expect(await reportedLag(0)).toBe(2);
    expect(await reportedLag(1)).toBe(2); // nothing committed: every retained message
  });

  it('keeps counting what arrives while the consumer is stopped', async () => {
    release();
    await consumer.stop();
    await send(1, 4);
    await monitor.refresh();
    expect(await reportedLag(0)).toBe(2);
    expect(await reportedLag(1)).toBe(6);
  });

  it('counts from the earliest retained message once retention deleted unread ones', async () => {
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: '5' }] });
    await monitor.refresh();
    expect(await reportedLag(1)).toBe(1);
  });

  it('withdraws a group whose lag the broker cannot tell, and says why', async () => {
    const logged: string[] = [];
    const unreachable = new Kafka({
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    const blind = new ConsumerLagMonitor(unreachable, (message) => logged.push(message));
    blind.watch(`${prefix}unreachable`, [topic]);
    await blind.refresh();
    await blind.stop();
    const metrics = await metricsRegistry.getSingleMetric('kafka_consumer_lag_messages')!.get();
    expect(metrics.values.filter(({ labels }) => labels.group === `${prefix}unreachable`)).toEqual(
      [],
    );
    expect(logged).toEqual([
      `consumer lag of ${prefix}unreachable unknown: the broker did not answer`,
    ]);
  });
});
