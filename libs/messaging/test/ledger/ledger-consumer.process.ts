// Runs the ledger consumer as its own process, so a test can SIGKILL it mid-batch.
// Env: KAFKA_BROKERS, DATABASE_URL, TOPIC_PREFIX, the group session settings of messagingSettings.
import { loadConfig } from '@tenantry/config';
import { consumerGroupSession, createKafka, InboxConsumer, messagingSettings } from '../../src';
import { LedgerProjection, ledgerTopic, parseLedgerEvent, serviceDataSource } from './ledger';

async function main(): Promise<void> {
  const dataSource = await serviceDataSource(process.env.DATABASE_URL!);
  const consumer = new InboxConsumer({
    name: 'ledger-projection',
    kafka: createKafka({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'ledger-consumer',
    }),
    dataSource,
    topics: [ledgerTopic],
    topicPrefix: process.env.TOPIC_PREFIX,
    handler: new LedgerProjection(),
    parse: parseLedgerEvent,
    maxBatchSize: 200,
    partitionsConsumedConcurrently: 3,
    groupSession: consumerGroupSession(loadConfig(messagingSettings)),
  });
  process.once('SIGTERM', () => {
    void consumer
      .stop()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  });
  await consumer.start();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
