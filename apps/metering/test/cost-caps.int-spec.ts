import { createKafka, idempotentProducer } from '@tenantry/messaging';
import {
  capReached,
  fromKafkaMessage,
  toKafkaMessage,
  usageRecorded,
  type CapBreakerData,
  type CloudEvent,
} from '@tenantry/schemas';
import { waitFor } from '@tenantry/testing';
import type { Consumer, Producer } from 'kafkajs';
import { CapRolloverSweep } from '../src/cost-caps/cap-rollover-sweep';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

// Tenants bill in UTC (the default): the current period is this calendar month.
const currentPeriod = new Date().toISOString().slice(0, 7);
const previousPeriod = (() => {
  const [year, month] = currentPeriod.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
})();

// 0.50 per call, and a 1.00 fixed fee: spend = 1.00 + 0.50 × calls.
const plan = {
  key: 'metered',
  currency: 'EUR',
  flatFees: [{ key: 'base', amount: '1.00' }],
  charges: [{ meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.5' } }],
  minimumCommitment: '100.00',
};

interface Answer {
  status: number;
  type: string | null;
  body: Record<string, unknown>;
}

describe('cost caps: a circuit breaker per tenant and billing period', () => {
  let service: MeteringTestApp;
  let reader: Consumer;
  let producer: Producer;
  const capEvents: CloudEvent[] = [];

  beforeAll(async () => {
    service = await startMeteringTestApp();
    const kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'caps-test' });
    reader = kafka.consumer({ groupId: `${service.config.KAFKA_TOPIC_PREFIX}cap-reader` });
    await reader.connect();
    await reader.subscribe({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${capReached.topic}`,
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ message }) => void capEvents.push(fromKafkaMessage(message)),
    });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.disconnect();
    await service?.close();
  });

  const call = (tenant: string, method: string, path: string, body?: unknown, roles?: string[]) =>
    service.call<Answer['body']>(tenant, method, path, body, roles);

  const problem = (status: number) => ({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  const setUp = async (tenant: string, tenantPlan: object = plan) => {
    await service.defineMeter(tenant, {
      key: 'api_calls',
      eventType: 'api.request',
      aggregation: 'COUNT',
      groupBy: {},
    });
    expect(
      await call(tenant, 'PUT', '/v1/plan', { plan: tenantPlan, effectiveFrom: previousPeriod }),
    ).toMatchObject({ status: 200 });
  };
  let sequence = 0;
  const calls = (tenant: string, count: number) =>
    Array.from({ length: count }, () => ({
      specversion: '1.0' as const,
      id: `call-${++sequence}`,
      source: 'caps-test',
      type: 'api.request',
      tenantid: tenant,
      time: new Date().toISOString(),
      datacontenttype: 'application/json' as const,
      data: {},
    }));
  const post = async (tenant: string, events: ReturnType<typeof calls>) => {
    const answer = await call(tenant, 'POST', '/v1/events', events);
    expect(answer).toMatchObject({ status: 200 });
    return answer.body;
  };
  const eventsOf = (tenant: string) =>
    capEvents
      .filter((event) => event.tenantid === tenant)
      .map((event) => ({ type: event.type, ...(event.data as CapBreakerData) }));
  const idsOf = (tenant: string) =>
    capEvents.filter((event) => event.tenantid === tenant).map((event) => event.id);

  it('opens once when the spend reaches the cap, stays open under more usage, and clears when the cap is raised', async () => {
    const tenant = 'globex';
    await setUp(tenant);
    expect(
      await call(tenant, 'PUT', '/v1/cost-cap', { amount: '3', currency: 'EUR' }),
    ).toMatchObject({
      status: 200,
      body: {
        cap: { amount: '3', currency: 'EUR' },
        period: { id: currentPeriod },
        state: 'closed',
        // the fixed fee; the minimum-commitment true-up is not spend
        spend: { amount: '1.00', currency: 'EUR' },
      },
    });

    await post(tenant, calls(tenant, 3)); // 2.50
    expect(await call(tenant, 'GET', '/v1/cost-cap', undefined, ['metering:read'])).toMatchObject({
      body: { state: 'closed', spend: { amount: '2.50' } },
    });
    const reaching = calls(tenant, 1); // 3.00
    await post(tenant, reaching);
    await waitFor(() => eventsOf(tenant).length === 1, { what: 'cap.reached' });

    // More usage, the same event again over HTTP, and redelivered through Kafka: the breaker stays open, silently.
    await post(tenant, calls(tenant, 2));
    expect(await post(tenant, reaching)).toMatchObject({ duplicate: 1 });
    const topic = `${service.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`;
    for (let i = 0; i < 2; i++) {
      await producer.send({ topic, messages: reaching.map((event) => toKafkaMessage(event)) });
    }
    await waitFor(
      async () =>
        Number(
          (
            await service.owner.query(
              `SELECT duplicate FROM metering.ingest_stats WHERE tenant_id = $1`,
              [tenant],
            )
          ).rows[0]?.duplicate,
        ) >= 3,
      { what: 'the redelivered events' },
    );
    expect(await call(tenant, 'GET', '/v1/cost-cap')).toMatchObject({
      body: { state: 'open', spend: { amount: '4.00' } },
    });

    // Raising the cap above the spend half-opens the breaker, which closes at once.
    expect(
      await call(tenant, 'PUT', '/v1/cost-cap', { amount: '10.00', currency: 'EUR' }),
    ).toMatchObject({
      body: { state: 'closed', spend: { amount: '4.00' } },
    });
    // cap.cleared is the fence: the relay publishes the tenant's events in order, so a second
    // cap.reached from the usage above would have come before it.
    await waitFor(() => eventsOf(tenant).length >= 2, { what: 'cap.cleared' });
    expect(eventsOf(tenant)).toEqual([
      {
        type: 'cap.reached',
        period: currentPeriod,
        periodStart: expect.any(String),
        periodEnd: expect.any(String),
        spend: { amount: '3.00', currency: 'EUR' },
        cap: { amount: '3', currency: 'EUR' },
        cause: 'usage',
      },
      expect.objectContaining({
        type: 'cap.cleared',
        cause: 'cap-changed',
        spend: { amount: '4.00', currency: 'EUR' },
        cap: { amount: '10.00', currency: 'EUR' },
      }),
    ]);

    // Lowering it to the spend opens it again.
    expect(
      await call(tenant, 'PUT', '/v1/cost-cap', { amount: '4', currency: 'EUR' }),
    ).toMatchObject({
      body: { state: 'open' },
    });
    await waitFor(() => eventsOf(tenant).length === 3, { what: 'the second cap.reached' });
    expect(eventsOf(tenant)[2]).toMatchObject({ type: 'cap.reached', cause: 'cap-changed' });
    // Each transition of the period has its number in its ce_id.
    expect(idsOf(tenant)).toEqual([
      `cap.reached/${tenant}/${currentPeriod}/1`,
      `cap.cleared/${tenant}/${currentPeriod}/2`,
      `cap.reached/${tenant}/${currentPeriod}/3`,
    ]);
    const states = await service.owner.query(
      `SELECT period_id, state FROM metering.cost_cap_states WHERE tenant_id = $1`,
      [tenant],
    );
    expect(states.rows).toEqual([{ period_id: currentPeriod, state: 'open' }]);
  });

  it('emits one cap.reached when concurrent requests cross the cap together', async () => {
    const tenant = 'wayne';
    await setUp(tenant);
    await call(tenant, 'PUT', '/v1/cost-cap', { amount: '5', currency: 'EUR' });
    await Promise.all(Array.from({ length: 20 }, () => post(tenant, calls(tenant, 1))));
    // Raising the cap clears the breaker: cap.cleared is the fence after any second cap.reached.
    await call(tenant, 'PUT', '/v1/cost-cap', { amount: '100', currency: 'EUR' });
    await waitFor(() => eventsOf(tenant).some(({ type }) => type === 'cap.cleared'), {
      what: 'cap.cleared',
    });
    expect(eventsOf(tenant)).toEqual([
      expect.objectContaining({ type: 'cap.reached', spend: { amount: '5.00', currency: 'EUR' } }),
      expect.objectContaining({ type: 'cap.cleared', cause: 'cap-changed' }),
    ]);
  });

  it('closes an open breaker when the cap is removed', async () => {
    const tenant = 'hooli';
    await setUp(tenant);
    await call(tenant, 'PUT', '/v1/cost-cap', { amount: '1', currency: 'EUR' });
    await waitFor(() => eventsOf(tenant).length === 1, { what: 'cap.reached' });
    expect(await call(tenant, 'DELETE', '/v1/cost-cap')).toMatchObject({ status: 204 });
    await waitFor(() => eventsOf(tenant).length === 2, { what: 'cap.cleared' });
    expect(eventsOf(tenant).map(({ type, cause }) => [type, cause])).toEqual([
      ['cap.reached', 'cap-changed'],
      ['cap.cleared', 'cap-removed'],
    ]);
    expect(await call(tenant, 'GET', '/v1/cost-cap')).toMatchObject(problem(404));
    expect(await call(tenant, 'DELETE', '/v1/cost-cap')).toMatchObject(problem(404));
  });

  it('half-opens when a new period begins: clears under the cap, stays open silently at it', async () => {
    const sweep = service.app.get(CapRolloverSweep);
    await setUp('initech');
    await setUp('umbrella', {
      ...plan,
      flatFees: [{ key: 'base', amount: '50.00' }],
      minimumCommitment: undefined,
    });
    for (const tenant of ['initech', 'umbrella']) {
      // The breaker was open when the previous period ended; no usage came since (the gateway blocked it).
      await service.owner.query(
        `INSERT INTO metering.cost_caps (tenant_id, amount, currency, updated_by) VALUES ($1, 20, 'EUR', 'test')`,
        [tenant],
      );
      await service.owner.query(
        `INSERT INTO metering.cost_cap_states (tenant_id, period_id, state, spend) VALUES ($1, $2, 'open', 20)`,
        [tenant, previousPeriod],
      );
    }

    await sweep.sweep(new Date());
    await sweep.sweep(new Date());
    // 50.00 of fixed fees is over the cap of 20 from the start: still open.
    expect(await call('umbrella', 'GET', '/v1/cost-cap')).toMatchObject({
      body: { state: 'open', period: { id: currentPeriod }, spend: { amount: '50.00' } },
    });
    expect(await call('initech', 'GET', '/v1/cost-cap')).toMatchObject({
      body: { state: 'closed', period: { id: currentPeriod } },
    });
    // Fences: a cap change of each tenant emits an event after anything the sweeps emitted.
    await call('initech', 'PUT', '/v1/cost-cap', { amount: '1', currency: 'EUR' });
    await call('umbrella', 'PUT', '/v1/cost-cap', { amount: '100', currency: 'EUR' });
    await waitFor(() => eventsOf('initech').length >= 2 && eventsOf('umbrella').length >= 1, {
      what: 'the fence events',
    });
    expect(eventsOf('initech')).toEqual([
      expect.objectContaining({
        type: 'cap.cleared',
        period: currentPeriod,
        cause: 'new-period',
        spend: { amount: '1.00', currency: 'EUR' },
      }),
      expect.objectContaining({ type: 'cap.reached', cause: 'cap-changed' }),
    ]);
    // The gateway was never told otherwise while umbrella stayed open.
    expect(eventsOf('umbrella')).toEqual([
      expect.objectContaining({ type: 'cap.cleared', cause: 'cap-changed' }),
    ]);
  });

  it('refuses a bad cap, a cap in another currency than the plan, and callers without the admin role', async () => {
    const tenant = 'globex';
    for (const cap of [
      { amount: '0', currency: 'EUR' },
      { amount: -5, currency: 'EUR' },
      { amount: '10', currency: 'EURO' },
      { amount: '10' },
    ]) {
      expect(await call(tenant, 'PUT', '/v1/cost-cap', cap)).toMatchObject(problem(422));
    }
    expect(
      await call(tenant, 'PUT', '/v1/cost-cap', { amount: '10', currency: 'USD' }),
    ).toMatchObject({
      ...problem(422),
      body: { type: 'urn:tenantry:problem:currency-mismatch' },
    });
    expect(
      await call(tenant, 'PUT', '/v1/plan', {
        plan: { ...plan, currency: 'USD' },
        effectiveFrom: '2099-01',
      }),
    ).toMatchObject(problem(422));
    expect(
      await call(tenant, 'PUT', '/v1/cost-cap', { amount: '10', currency: 'EUR' }, [
        'metering:read',
      ]),
    ).toMatchObject(problem(403));
    expect(await call('nobody', 'GET', '/v1/cost-cap')).toMatchObject(problem(404));
  });
});
