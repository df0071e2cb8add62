// scripts/run-ts libs/messaging/bench/consumer-restart.bench.ts
// Restart after a crash: an inbox consumer process is SIGKILLed, an event is sent, and a new
// process starts; prints the time from its start to the event applied (its first commit), with
// the group session settings of the messaging lib at kafkajs' defaults and at ours.
import path from 'node:path';
import { createCloudEvent, toKafkaMessage } from '@tenantry/schemas';
import {
  createTestDatabase,
  ensureServiceRole,
  provideTestInfrastructure,
  startTsProcess,
  waitFor,
} from '@tenantry/testing';
import { Client } from 'pg';
import { createKafka, ensureTopics, idempotentProducer } from '../src';
import { entryRecorded, ledgerTopic, migrateLedgerDatabase } from '../test/ledger/ledger';

const consumerFile = path.join(__dirname, '../test/ledger/ledger-consumer.process.ts');
const sessions: Array<[string, Record<string, string>]> = [
  [
    'kafkajs defaults (session 30 s, heartbeat 3 s, rebalance 60 s)',
    {
      KAFKA_SESSION_TIMEOUT_MS: '30000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '3000',
      KAFKA_REBALANCE_TIMEOUT_MS: '60000',
    },
  ],
  [
    'session 10 s, heartbeat 3 s, rebalance 60 s (before issue 10)',
    { KAFKA_HEARTBEAT_INTERVAL_MS: '3000', KAFKA_REBALANCE_TIMEOUT_MS: '60000' },
  ],
  ['messaging defaults (session 10 s, heartbeat 1 s, rebalance 4 s)', {}],
];

async function main(): Promise<void> {
  const infrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  const kafka = createKafka({ brokers: infrastructure.kafkaBrokers, clientId: 'restart-bench' });
  const producer = kafka.producer(idempotentProducer);
  await producer.connect();
  try {
    for (const [label, session] of sessions) {
      const database = await createTestDatabase(infrastructure.postgresAdminUrl);
      const owner = new Client({ connectionString: database.ownerUrl });
      const prefix = `bench-${Date.now()}.`;
      try {
        await migrateLedgerDatabase(database.ownerUrl);
        await owner.connect();
        await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 3, retentionMs: -1 }], {
          prefix,
        });
        const env = {
          KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
          DATABASE_URL: database.serviceUrl,
          TOPIC_PREFIX: prefix,
          ...session,
        };
        const applied = async (events: number) => {
          const { rows } = await owner.query(
            'SELECT coalesce(sum(events), 0)::int AS n FROM ledger.totals',
          );
          return rows[0].n >= events;
        };
        const send = (id: string) =>
          producer.send({
            topic: `${prefix}${ledgerTopic}`,
            messages: [
              toKafkaMessage(
                createCloudEvent({
                  id,
                  type: entryRecorded.type,
                  source: 'bench',
                  tenantid: 'acme',
                  data: { amount: 1 },
                }),
              ),
            ],
          });

        const crashed = startTsProcess(consumerFile, env);
        await crashed.printed('ready');
        await send('before-crash');
        await waitFor(() => applied(1), { what: 'the first event applied' });
        await crashed.kill();
        await send('after-crash');
        const started = performance.now();
        const restarted = startTsProcess(consumerFile, env);
        await waitFor(() => applied(2), {
          intervalMs: 20,
          timeoutMs: 120_000,
          what: 'the event after the crash',
        });
        const seconds = (performance.now() - started) / 1000;
        await restarted.stop();
        console.log(`${label}: restart → first commit ${seconds.toFixed(1)} s`);
      } finally {
        await owner.end();
        await database.drop();
      }
    }
  } finally {
    await producer.disconnect();
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
