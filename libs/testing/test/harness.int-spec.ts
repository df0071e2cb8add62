import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { serviceRole } from '@tenantry/config';
import { createTestDatabase } from '../src/test-database';
import { testKafkaBrokers, uniqueTopicPrefix } from '../src/test-kafka';

describe('test harness', () => {
  it('gives a Kafka broker that takes and returns a message', async () => {
    const kafka = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const topic = `${uniqueTopicPrefix()}harness`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'ping' }] });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets).toEqual([expect.objectContaining({ partition: 0, high: '1', low: '0' })]);
    await producer.disconnect();
    await admin.disconnect();
  });

  it('creates a fresh database the service role can reach and drops it afterwards', async () => {
    const database = await createTestDatabase();
    const client = new Client({ connectionString: database.serviceUrl });
    await client.connect();
    const { rows } = await client.query('SELECT current_user AS user, current_database() AS db');
    await client.end();
    expect(rows[0]).toEqual({ user: serviceRole, db: database.name });

    await database.drop();
    const admin = new Client({ connectionString: process.env.TENANTRY_TEST_POSTGRES_URL });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});
