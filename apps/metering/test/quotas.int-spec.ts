import { randomUUID } from 'node:crypto';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { periodOf, type MeterDefinition } from '@tenantry/metering-core';
import {
  createCloudEvent,
  fromKafkaMessage,
  quotaThresholdCrossed,
  toKafkaMessage,
  usageRecorded,
  type CloudEvent,
} from '@tenantry/schemas';
import { waitFor } from '@tenantry/testing';
import type { Consumer, Kafka, Message } from 'kafkajs';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

const tokensMeter: MeterDefinition = {
  key: 'tokens',
  eventType: 'llm.tokens',
  aggregation: 'SUM',
  valueProperty: '$.tokens',
  groupBy: {},
};

/** The quota event fields the assertions compare. */
interface Notice {
  type: string;
  meterKey: string;
  periodId: string;
  threshold?: number;
  used: string;
  entitlement: string;
}

describe('quotas, grants, balances and quota events', () => {
  let service: MeteringTestApp;
  let kafka: Kafka;
  let consumer: Consumer;
  const received: CloudEvent[] = [];
  let fences = 0;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'quota-test' });
    consumer = kafka.consumer({ groupId: `quota-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${quotaThresholdCrossed.topic}`,
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(fromKafkaMessage(message));
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await service?.close();
  });

  const call = (tenant: string, method: string, path: string, body?: unknown, roles?: string[]) =>
    service.call(tenant, method, path, body, roles);

  const setQuota = (tenant: string, meterKey: string, policy: Record<string, unknown>) =>
    call(tenant, 'PUT', `/v1/quotas/${meterKey}`, policy);
  const usage = (id: string, tokens: number, extra: Record<string, unknown> = {}) => ({
    id,
    source: 'api-gateway',
    type: 'llm.tokens',
    data: { tokens },
    ...extra,
  });
  const ingest = async (tenant: string, events: unknown[]) => {
    const answer = await call(tenant, 'POST', '/v1/events', events);
    expect(answer.status).toBe(200);
    return answer.body as { accepted: number; duplicate: number };
  };

  const noticesOf = (tenant: string): Notice[] =>
    received
      .filter((event) => event.tenantid === tenant && !event.subject?.startsWith('fence-'))
      .map((event) => {
        const data = event.data as Notice & { threshold?: number };
        return {
          type: event.type,
          meterKey: data.meterKey,
          periodId: data.periodId,
          ...(data.threshold === undefined ? {} : { threshold: data.threshold }),
          used: data.used,
          entitlement: data.entitlement,
        };
      });

  /**
   * Waits until a quota event caused now has arrived: the relay publishes a tenant's events in
   * outbox order on one partition, so every event caused before it has arrived too.
   */
  const fence = async (tenant: string) => {
    const meterKey = `fence-${++fences}`;
    await service.defineMeter(tenant, {
      key: meterKey,
      eventType: `fence.${fences}`,
      aggregation: 'COUNT',
      groupBy: {},
    });
    expect(
      (await setQuota(tenant, meterKey, { limit: '1', period: 'MONTH', enforcement: 'soft' }))
        .status,
    ).toBe(200);
    await ingest(tenant, [{ id: meterKey, source: 'fence', type: `fence.${fences}`, data: {} }]);
    await waitFor(
      () =>
        received.some(
          (event) =>
            event.tenantid === tenant &&
            event.subject === meterKey &&
            event.type === 'quota.exhausted',
        ),
      { what: `the fence event of ${tenant}` },
    );
  };

  const month = () => periodOf(new Date(), 'UTC').id;

  it('emits 80 % and 100 % once each, however often the same events are sent again', async () => {
    const tenant = 'dup-co';
    await service.defineMeter(tenant, tokensMeter);
    expect(
      await setQuota(tenant, 'tokens', { limit: '100', period: 'MONTH', enforcement: 'hard' }),
    ).toMatchObject({
      status: 200,
      body: {
        meterKey: 'tokens',
        limit: '100',
        thresholds: [0.8, 1],
        updatedBy: `tester@${tenant}`,
      },
    });
    await ingest(tenant, [usage('a', 50)]);
    await ingest(tenant, [usage('b', 30)]);
    await ingest(tenant, [usage('a', 50), usage('b', 30)]);
    await ingest(tenant, [usage('c', 20), usage('c', 20)]);
    await ingest(tenant, [usage('d', 5)]);
    expect(
      await ingest(tenant, [usage('a', 50), usage('b', 30), usage('c', 20), usage('d', 5)]),
    ).toMatchObject({
      accepted: 0,
      duplicate: 4,
    });
    await fence(tenant);

    expect(noticesOf(tenant)).toEqual([
      {
        type: 'quota.threshold.crossed',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 0.8,
        used: '80',
        entitlement: '100',
      },
      {
        type: 'quota.exhausted',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 1,
        used: '100',
        entitlement: '100',
      },
    ]);
    const exhausted = received.find(
      (event) => event.tenantid === tenant && event.type === 'quota.exhausted',
    )!;
    expect(exhausted).toMatchObject({
      id: `quota.exhausted/${tenant}/tokens/${month()}/1`,
      subject: 'tokens',
      data: {
        tenantId: tenant,
        enforcement: 'hard',
        periodStart: periodOf(new Date(), 'UTC').start.toISOString(),
      },
    });
  });

  it('emits each threshold once when usage is redelivered through Kafka', async () => {
    const tenant = 'kafka-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', { limit: '10', period: 'MONTH', enforcement: 'soft' });
    const messages = [1, 2, 3].map((index) =>
      toKafkaMessage(
        createCloudEvent({
          id: `k-${index}`,
          source: 'inquiries',
          type: 'llm.tokens',
          tenantid: tenant,
          data: { tokens: 4 },
        }),
      ),
    );
    const [first, second, third] = messages as [Message, Message, Message];
    const producer = kafka.producer(idempotentProducer);
    await producer.connect();
    const topic = `${service.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`;
    const taken = (accepted: number, duplicate: number) =>
      waitFor(
        async () => {
          const { rows } = await service.owner.query(
            `SELECT accepted, duplicate FROM metering.ingest_stats WHERE tenant_id = $1`,
            [tenant],
          );
          return rows[0]?.accepted === String(accepted) && rows[0]?.duplicate === String(duplicate);
        },
        { what: `${accepted} events and ${duplicate} copies taken by the consumer` },
      );
    await producer.send({ topic, messages: [first, second, first] });
    await taken(2, 1);
    await producer.send({ topic, messages: [first, second, third, third] });
    await taken(3, 4);
    await producer.send({ topic, messages: [first, second, third] });
    await taken(3, 7);
    await producer.disconnect();
    await fence(tenant);

    expect(noticesOf(tenant)).toEqual([
      {
        type: 'quota.threshold.crossed',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 0.8,
        used: '8',
        entitlement: '10',
      },
      {
        type: 'quota.exhausted',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 1,
        used: '12',
        entitlement: '10',
      },
    ]);
  });

  it('misses no threshold when many requests add usage to different buckets at once', async () => {
    const tenant = 'rush-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', {
      limit: '100',
      period: 'MONTH',
      enforcement: 'hard',
      thresholds: [0.5, 0.9],
    });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        ingest(tenant, [usage(`r-${index}`, 5, { subject: `user-${index}` })]),
      ),
    );
    await fence(tenant);

    expect(noticesOf(tenant).map(({ type, threshold }) => [type, threshold])).toEqual([
      ['quota.threshold.crossed', 0.5],
      ['quota.threshold.crossed', 0.9],
      ['quota.exhausted', 1],
    ]);
  });

  it('raises the entitlement with a grant, and judges thresholds against it', async () => {
    const tenant = 'grant-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', { limit: '100', period: 'MONTH', enforcement: 'hard' });
    await ingest(tenant, [usage('g-1', 90)]);
    const granted = await call(tenant, 'POST', '/v1/quotas/tokens/grants', {
      id: 'launch-bonus',
      amount: '100',
      reason: 'launch week',
    });
    expect(granted).toMatchObject({
      status: 201,
      body: {
        id: 'launch-bonus',
        amount: '100',
        active: true,
        reason: 'launch week',
        expiresAt: null,
      },
    });
    expect(await call(tenant, 'GET', '/v1/quotas/tokens/balance')).toMatchObject({
      status: 200,
      body: { limit: '100', granted: '100', used: '90', remaining: '110', exhausted: false },
    });
    await ingest(tenant, [usage('g-2', 70)]);
    await ingest(tenant, [usage('g-3', 40)]);
    await fence(tenant);

    expect(noticesOf(tenant)).toEqual([
      {
        type: 'quota.threshold.crossed',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 0.8,
        used: '90',
        entitlement: '100',
      },
      {
        type: 'quota.exhausted',
        meterKey: 'tokens',
        periodId: month(),
        threshold: 1,
        used: '200',
        entitlement: '200',
      },
    ]);
  });

  it('gives the notices at once when a lowered limit is already used up', async () => {
    const tenant = 'lowered-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', { limit: '1000', period: 'MONTH', enforcement: 'soft' });
    await ingest(tenant, [usage('l-1', 60)]);
    await setQuota(tenant, 'tokens', { limit: '50', period: 'MONTH', enforcement: 'soft' });
    await fence(tenant);

    expect(
      noticesOf(tenant).map(({ type, used, entitlement }) => [type, used, entitlement]),
    ).toEqual([
      ['quota.threshold.crossed', '60', '50'],
      ['quota.exhausted', '60', '50'],
    ]);
  });

  it('resets when usage arrives in a new period after one that reached a threshold', async () => {
    const tenant = 'daily-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', { limit: '10', period: 'DAY', enforcement: 'hard' });
    const yesterday = periodOf(new Date(Date.now() - 86_400_000), 'UTC', 'DAY');
    const today = periodOf(new Date(), 'UTC', 'DAY');
    await ingest(tenant, [
      usage('y-1', 9, { time: new Date(yesterday.start.getTime() + 3_600_000).toISOString() }),
    ]);
    await ingest(tenant, [usage('t-1', 1)]);
    await ingest(tenant, [usage('t-2', 7)]);
    await ingest(tenant, [usage('t-3', 1)]);
    await fence(tenant);

    expect(noticesOf(tenant)).toEqual([
      {
        type: 'quota.threshold.crossed',
        meterKey: 'tokens',
        periodId: yesterday.id,
        threshold: 0.8,
        used: '9',
        entitlement: '10',
      },
      { type: 'quota.reset', meterKey: 'tokens', periodId: today.id, used: '1', entitlement: '10' },
      {
        type: 'quota.threshold.crossed',
        meterKey: 'tokens',
        periodId: today.id,
        threshold: 0.8,
        used: '8',
        entitlement: '10',
      },
    ]);
    const reset = received.find(
      (event) => event.tenantid === tenant && event.type === 'quota.reset',
    )!;
    expect(reset.data).toMatchObject({
      previousPeriodId: yesterday.id,
      periodEnd: today.end.toISOString(),
    });
  });

  it('tells the balance of the current period, and lists quotas and grants', async () => {
    const tenant = 'balance-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', {
      limit: '1000.5',
      period: 'MONTH',
      enforcement: 'soft',
      thresholds: [0.5],
    });
    await ingest(tenant, [usage('b-1', 250.25), usage('b-2', 0.5)]);
    const expired = {
      id: 'old',
      amount: '7',
      effectiveAt: '2020-01-01T00:00:00Z',
      expiresAt: '2020-02-01T00:00:00Z',
      reason: 'trial',
    };
    expect((await call(tenant, 'POST', '/v1/quotas/tokens/grants', expired)).status).toBe(201);
    const period = periodOf(new Date(), 'UTC');

    expect(
      await call(tenant, 'GET', '/v1/quotas/tokens/balance', undefined, ['metering:read']),
    ).toEqual({
      status: 200,
      type: expect.stringContaining('application/json'),
      body: {
        meterKey: 'tokens',
        enforcement: 'soft',
        period: { id: period.id, start: period.start.toISOString(), end: period.end.toISOString() },
        limit: '1000.5',
        granted: '0',
        used: '250.75',
        remaining: '749.75',
        exhausted: false,
      },
    });
    expect((await call(tenant, 'GET', '/v1/quotas')).body).toMatchObject({
      data: [
        {
          meterKey: 'tokens',
          limit: '1000.5',
          period: 'MONTH',
          enforcement: 'soft',
          thresholds: [0.5, 1],
        },
      ],
    });
    expect((await call(tenant, 'GET', '/v1/quotas/tokens/grants')).body).toMatchObject({
      data: [
        {
          id: 'old',
          amount: '7',
          active: false,
          expiresAt: '2020-02-01T00:00:00.000Z',
          createdBy: `tester@${tenant}`,
        },
      ],
    });
  });

  it('records a grant once: the same grant again is answered as recorded, another with its id refused', async () => {
    const tenant = 'regrant-co';
    await service.defineMeter(tenant, tokensMeter);
    await setQuota(tenant, 'tokens', { limit: '10', period: 'DAY', enforcement: 'hard' });
    const grant = { id: 'g', amount: '5', effectiveAt: '2026-01-01T00:00:00Z', reason: 'goodwill' };
    expect((await call(tenant, 'POST', '/v1/quotas/tokens/grants', grant)).status).toBe(201);
    expect(await call(tenant, 'POST', '/v1/quotas/tokens/grants', grant)).toMatchObject({
      status: 200,
      body: { id: 'g' },
    });
    expect(
      await call(tenant, 'POST', '/v1/quotas/tokens/grants', { ...grant, amount: '6' }),
    ).toMatchObject({
      status: 409,
      type: expect.stringContaining('application/problem+json'),
    });
  });

  it('refuses unknown meters and quotas, bad policies and grants, and callers without the role', async () => {
    const tenant = 'strict-co';
    await service.defineMeter(tenant, tokensMeter);
    const policy = { limit: '10', period: 'DAY', enforcement: 'hard' };
    expect(await setQuota(tenant, 'nothing', policy)).toMatchObject({ status: 404 });
    expect(await setQuota(tenant, 'tokens', { ...policy, limit: 10 })).toMatchObject({
      status: 422,
    });
    expect(await setQuota(tenant, 'tokens', { ...policy, period: 'WEEK' })).toMatchObject({
      status: 422,
    });
    expect(await call(tenant, 'GET', '/v1/quotas/tokens/balance')).toMatchObject({ status: 404 });
    expect(
      await call(tenant, 'POST', '/v1/quotas/tokens/grants', { amount: '1', reason: 'x' }),
    ).toMatchObject({ status: 404 });
    expect(await call(tenant, 'DELETE', '/v1/quotas/tokens')).toMatchObject({ status: 404 });
    expect(await call(tenant, 'PUT', '/v1/quotas/tokens', policy, ['metering:read'])).toMatchObject(
      { status: 403 },
    );

    expect((await setQuota(tenant, 'tokens', policy)).status).toBe(200);
    const grants = '/v1/quotas/tokens/grants';
    expect(await call(tenant, 'POST', grants, { amount: '-1', reason: 'x' })).toMatchObject({
      status: 422,
    });
    expect(await call(tenant, 'POST', grants, { amount: '1' })).toMatchObject({ status: 422 });
    expect(
      await call(tenant, 'POST', grants, {
        amount: '1',
        reason: 'backwards',
        effectiveAt: '2026-02-01T00:00:00Z',
        expiresAt: '2026-01-01T00:00:00Z',
      }),
    ).toMatchObject({ status: 422 });
    expect(
      await call(tenant, 'POST', grants, { amount: '1', reason: 'x' }, ['metering:read']),
    ).toMatchObject({ status: 403 });
    expect(await call('other-co', 'GET', '/v1/quotas/tokens/balance')).toMatchObject({
      status: 404,
    });

    expect(await call(tenant, 'DELETE', '/v1/quotas/tokens')).toMatchObject({ status: 204 });
    expect((await call(tenant, 'GET', '/v1/quotas')).body).toEqual({ data: [], nextCursor: null });
  });

  it('documents the quota endpoints and their bodies in the OpenAPI document', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/quotas',
        '/v1/quotas/{meterKey}',
        '/v1/quotas/{meterKey}/grants',
        '/v1/quotas/{meterKey}/balance',
      ]),
    );
    expect(
      document.paths['/v1/quotas/{meterKey}/grants']!['post']!.requestBody!.content[
        'application/json'
      ]!.schema,
    ).toMatchObject({
      required: ['amount', 'reason'],
    });
  });
});
