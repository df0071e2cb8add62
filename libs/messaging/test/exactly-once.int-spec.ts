import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createKafka, enqueueEvents, ensureTopics, OutboxRelay, outgoing } from '../src';
import { inTenantTransaction } from '@tenantry/tenant-context';
import {
  createTestDatabase,
  startTsProcess,
  testKafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@tenantry/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  entryRecorded,
  ledgerTopic,
  migrateLedgerDatabase,
  serviceDataSource,
} from './ledger/ledger';

const tenants = ['acme', 'globex', 'initech'];
const eventCount = 10_000;

describe('outbox → Kafka → inbox → projection', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let relay: OutboxRelay;
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'exactly-once-test' });

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    await ensureTopics(kafka, [{ name: ledgerTopic, partitions: 3, retentionMs: -1 }], { prefix });
    relay = new OutboxRelay({
      name: 'ledger',
      kafka,
      databaseUrl: database.serviceUrl,
      topicPrefix: prefix,
    });
    await relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await dataSource.destroy();
    await database.drop();
  });

  it('applies every event exactly once although the consumer is killed mid-batch and restarted', async () => {
    const expected = new Map(tenants.map((tenant) => [tenant, { events: 0, amount: 0 }]));
    for (let start = 0; start < eventCount; start += 250) {
      const tenant = tenants[(start / 250) % tenants.length]!;
      const events = Array.from({ length: Math.min(250, eventCount - start) }, (_, index) => {
        const amount = ((start + index) % 97) + 1;
        const totals = expected.get(tenant)!;
        totals.events += 1;
        totals.amount += amount;
        return outgoing(
          entryRecorded,
          { amount },
          { source: 'test/ledger', tenantid: tenant, id: randomUUID() },
        );
      });
      await inTenantTransaction(dataSource, (manager) => enqueueEvents(manager, events), tenant);
    }

    const consumerEnv = {
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: database.serviceUrl,
      TOPIC_PREFIX: prefix,
    };
    const consumerFile = path.join(__dirname, 'ledger/ledger-consumer.process.ts');
    const first = startTsProcess(consumerFile, consumerEnv);
    await first.printed('ready');
    const appliedAtKill = await waitFor(
      async () => {
        const applied = await countEntries(database.ownerUrl);
        return applied >= 2_000 ? applied : undefined;
      },
      { intervalMs: 20, what: 'the first consumer to apply 2,000 events' },
    );
    await first.kill();
    expect(appliedAtKill).toBeLessThan(eventCount);

    const second = startTsProcess(consumerFile, consumerEnv);
    await second.printed('ready');
    await waitFor(async () => (await countEntries(database.ownerUrl)) >= eventCount, {
      what: 'all events applied',
      timeoutMs: 120_000,
    });
    expect(await second.stop()).toBe(0);

    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const entries = await owner.query<{
      tenant_id: string;
      events: string;
      distinct_events: string;
      amount: string;
    }>(
      `SELECT tenant_id, count(*) AS events, count(DISTINCT event_id) AS distinct_events, sum(amount) AS amount
         FROM ledger.entries GROUP BY tenant_id ORDER BY tenant_id`,
    );
    const totals = await owner.query<{ tenant_id: string; events: string; amount: string }>(
      'SELECT tenant_id, events, amount FROM ledger.totals ORDER BY tenant_id',
    );
    const outbox = await owner.query<{ count: string }>('SELECT count(*) FROM messaging.outbox');
    await owner.end();

    const want = tenants.map((tenant) => ({
      tenant_id: tenant,
      events: String(expected.get(tenant)!.events),
      amount: String(expected.get(tenant)!.amount),
    }));
    expect(entries.rows).toEqual(want.map((row) => ({ ...row, distinct_events: row.events })));
    expect(totals.rows).toEqual(want);
    expect(outbox.rows[0]!.count).toBe('0');
  });
});

async function countEntries(ownerUrl: string): Promise<number> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM ledger.entries');
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}
