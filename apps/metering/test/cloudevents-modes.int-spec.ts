import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { structuredContentType, toKafkaMessage, usageRecorded } from '@tenantry/schemas';
import { waitFor } from '@tenantry/testing';
import type { Producer } from 'kafkajs';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

// One rule for HTTP and Kafka: every content mode of the CloudEvents bindings is read, time
// may be absent (the event happened when metering received it) and T/Z may be lowercase.
describe('CloudEvents content modes over HTTP and Kafka', () => {
  let service: MeteringTestApp;
  let producer: Producer;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    for (const tenant of ['http', 'kafka']) {
      await service.defineMeter(tenant, {
        key: 'tokens',
        eventType: 'llm.tokens',
        aggregation: 'SUM',
        valueProperty: '$.tokens',
        groupBy: {},
      });
    }
    const kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'modes-test' });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  const lowercaseTime = () => new Date().toISOString().replace('T', 't').replace('Z', 'z');
  const attributes = (id: string) =>
    ({ specversion: '1.0', id, source: 'gateway', type: 'llm.tokens' }) as const;

  const post = async (headers: Record<string, string>, body: unknown) => {
    const response = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: { ...(await service.as('http')), ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** Stored events of a tenant: whether each kept its own time or got its receipt time. */
  const stored = async (tenant: string) => {
    const { rows } = await service.owner.query<{ event_id: string; stamped: boolean }>(
      `SELECT event_id, time = date_trunc('milliseconds', received_at) AS stamped
         FROM metering.events WHERE tenant_id = $1 ORDER BY event_id`,
      [tenant],
    );
    return rows;
  };

  it('takes structured, batched and binary HTTP requests, with or without time', async () => {
    const structured = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
    expect(
      await post(structured, { ...attributes('h-structured'), data: { tokens: 1 } }),
    ).toMatchObject({ status: 202, body: { status: 'accepted' } });

    const batch = { 'content-type': 'application/cloudevents-batch+json' };
    expect(
      await post(batch, [
        { ...attributes('h-batch-1'), time: lowercaseTime(), data: { tokens: 2 } },
        { ...attributes('h-batch-2'), time: '2026-02-30T10:00:00Z', data: { tokens: 2 } },
      ]),
    ).toMatchObject({
      status: 200,
      body: { results: [{ status: 'accepted' }, { status: 'rejected' }], accepted: 1, rejected: 1 },
    });

    const binary = {
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': 'h-binary',
      'ce-source': 'gateway',
      'ce-type': 'llm.tokens',
      'ce-time': lowercaseTime(),
    };
    expect(await post(binary, { tokens: 4 })).toMatchObject({ status: 202 });

    expect(await post(structured, [])).toMatchObject({ status: 400 });
    expect(await post(batch, { ...attributes('h-not-a-batch'), data: {} })).toMatchObject({
      status: 400,
    });
    expect(await stored('http')).toEqual([
      { event_id: 'h-batch-1', stamped: false },
      { event_id: 'h-binary', stamped: false },
      { event_id: 'h-structured', stamped: true },
    ]);
  });

  it('takes the same events from Kafka, binary or structured, with or without time', async () => {
    const base = {
      ...attributes(''),
      tenantid: 'kafka',
      datacontenttype: 'application/json',
    } as const;
    const binaryWithoutTime = toKafkaMessage({ ...base, id: 'k-binary', data: { tokens: 1 } });
    delete binaryWithoutTime.headers['content-type'];
    const structured = {
      key: 'kafka',
      value: Buffer.from(
        JSON.stringify({ ...base, id: 'k-structured', time: lowercaseTime(), data: { tokens: 2 } }),
      ),
      headers: { 'content-type': structuredContentType },
    };
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`,
      messages: [binaryWithoutTime, structured],
    });
    await waitFor(async () => (await stored('kafka')).length === 2, { what: 'both events' });
    expect(await stored('kafka')).toEqual([
      { event_id: 'k-binary', stamped: true },
      { event_id: 'k-structured', stamped: false },
    ]);
  });

  it('gives a reverse-DNS type with capitals the same answer over HTTP and Kafka', async () => {
    const type = 'com.Acme.llm:tokens/v2';
    for (const tenant of ['http', 'kafka']) {
      await service.defineMeter(tenant, {
        key: 'acme-tokens',
        eventType: type,
        aggregation: 'SUM',
        valueProperty: '$.tokens',
        groupBy: {},
      });
    }
    const event = { ...attributes('capitals'), type, data: { tokens: 5 } };
    expect(await post({}, event)).toMatchObject({ status: 202, body: { status: 'accepted' } });
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`,
      messages: [
        toKafkaMessage({ ...event, tenantid: 'kafka', datacontenttype: 'application/json' }),
      ],
    });
    await waitFor(
      async () => (await stored('kafka')).some(({ event_id }) => event_id === 'capitals'),
      { what: 'the Kafka copy stored, not dead-lettered' },
    );
    expect((await stored('http')).map(({ event_id }) => event_id)).toContain('capitals');
  });
});
