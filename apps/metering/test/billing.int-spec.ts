import { createKafka } from '@tenantry/messaging';
import { fromKafkaMessage, invoiceFinalized, type CloudEvent } from '@tenantry/schemas';
import { waitFor } from '@tenantry/testing';
import type { Consumer } from 'kafkajs';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

// Billing in Europe/Berlin: September 2026 runs from 2026-08-31T22:00Z to 2026-09-30T22:00Z,
// October (with the switch to winter time on the 25th) to 2026-10-31T23:00Z. Usage is months old,
// so the tenant's lateness limit is raised to ten years.
const tenant = 'acme';

const plan = {
  key: 'growth',
  currency: 'EUR',
  flatFees: [{ key: 'platform', amount: '49.00', description: 'Platform fee' }],
  charges: [
    {
      meterKey: 'tokens',
      model: {
        type: 'graduated',
        tiers: [
          { upTo: '1000', unitPrice: '0.002' },
          { upTo: null, unitPrice: '0.001' },
        ],
      },
    },
    { meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.0125' } },
    { meterKey: 'storage_gb', model: { type: 'per-unit', unitPrice: '0.023' } },
  ],
};

interface Answer {
  status: number;
  type: string | null;
  body: Record<string, unknown> & { lines?: Array<Record<string, unknown>> };
}

describe('billing: plans, invoices, closing periods, adjustments, unit economics', () => {
  let service: MeteringTestApp;
  let reader: Consumer;
  const invoiceEvents: CloudEvent[] = [];

  beforeAll(async () => {
    service = await startMeteringTestApp();
    await service.owner.query(
      `INSERT INTO metering.tenant_settings (tenant_id, time_zone, lateness_limit_days)
       VALUES ($1, 'Europe/Berlin', 3650)`,
      [tenant],
    );
    await service.defineMeter(tenant, {
      key: 'tokens',
      eventType: 'llm.tokens',
      aggregation: 'SUM',
      valueProperty: '$.tokens',
      groupBy: {},
    });
    await service.defineMeter(tenant, {
      key: 'api_calls',
      eventType: 'api.request',
      aggregation: 'COUNT',
      groupBy: {},
    });
    await service.defineMeter(tenant, {
      key: 'storage_gb',
      eventType: 'storage.sampled',
      aggregation: 'MAX',
      valueProperty: '$.gb',
      groupBy: {},
    });
    const kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'billing-test' });
    reader = kafka.consumer({ groupId: `${service.config.KAFKA_TOPIC_PREFIX}invoice-reader` });
    await reader.connect();
    await reader.subscribe({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${invoiceFinalized.topic}`,
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ message }) => void invoiceEvents.push(fromKafkaMessage(message)),
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await service?.close();
  });

  const call = (method: string, path: string, body?: unknown, roles?: string[]): Promise<Answer> =>
    service.call<Answer['body']>(tenant, method, path, body, roles);

  let sequence = 0;
  const usage = (type: string, time: string, data: Record<string, unknown> = {}) => ({
    specversion: '1.0',
    id: `u-${++sequence}`,
    source: 'billing-test',
    type,
    time,
    data,
  });
  const ingest = async (events: unknown[]) => {
    const answer = await call('POST', '/v1/events', events);
    expect(answer.body).toMatchObject({ accepted: events.length });
  };
  const problem = (status: number) => ({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  const adjustmentLines = (answer: Answer) =>
    (answer.body.lines ?? []).filter((line) => line['kind'] === 'adjustment');

  it('keeps plan versions, each in effect from its period on', async () => {
    expect(await call('PUT', '/v1/plan', { plan, effectiveFrom: '2026-08' })).toMatchObject({
      status: 200,
      body: { version: 1, effectiveFrom: '2026-08', plan: { ...plan, version: 1 } },
    });
    const raised = {
      ...plan,
      charges: [{ meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '1' } }],
    };
    expect(
      await call('PUT', '/v1/plan', { plan: { ...raised, version: 2 }, effectiveFrom: '2027-01' }),
    ).toMatchObject({ status: 200, body: { version: 2, createdBy: `tester@${tenant}` } });

    expect(await call('GET', '/v1/plan?period=2026-09')).toMatchObject({
      status: 200,
      body: {
        period: '2026-09',
        current: { version: 1 },
        versions: [{ version: 2 }, { version: 1 }],
      },
    });
    expect(await call('GET', '/v1/plan?period=2027-02')).toMatchObject({
      body: { current: { version: 2 } },
    });
    expect(await call('GET', '/v1/plan?period=2026-07')).toMatchObject({
      body: { current: null },
    });
  });

  it('refuses bad plans, a stale version and callers without the admin role', async () => {
    expect(
      await call('PUT', '/v1/plan', {
        plan: { ...plan, currency: 'ABC' },
        effectiveFrom: '2027-02',
      }),
    ).toMatchObject(problem(422));
    expect(await call('PUT', '/v1/plan', { plan, effectiveFrom: '2027-13' })).toMatchObject(
      problem(422),
    );
    expect(
      await call('PUT', '/v1/plan', { plan: { ...plan, version: 2 }, effectiveFrom: '2027-02' }),
    ).toMatchObject({
      ...problem(409),
      body: { nextVersion: 3 },
    });
    expect(
      await call('PUT', '/v1/plan', { plan, effectiveFrom: '2027-02' }, ['metering:read']),
    ).toMatchObject(problem(403));
  });

  it('previews a period: its usage in the tenant time zone, priced line by line in exact decimals', async () => {
    await ingest([
      // Local 2026-09-01 00:30 and 2026-09-30 23:30: both in September.
      usage('llm.tokens', '2026-08-31T22:30:00Z', { tokens: 1500.5 }),
      usage('llm.tokens', '2026-09-30T21:30:00Z', { tokens: '2000.25' }),
      // Local 2026-08-31 23:30 and 2026-10-01 00:00: August and October.
      usage('llm.tokens', '2026-08-31T21:30:00Z', { tokens: 100000 }),
      usage('llm.tokens', '2026-09-30T22:00:00Z', { tokens: 100000 }),
      usage('api.request', '2026-09-10T08:00:00Z'),
      usage('api.request', '2026-09-11T08:00:00Z'),
      usage('api.request', '2026-09-12T08:00:00Z'),
      usage('storage.sampled', '2026-09-02T00:00:00Z', { gb: 10 }),
      usage('storage.sampled', '2026-09-15T00:00:00Z', { gb: '42.5' }),
      usage('storage.sampled', '2026-09-29T00:00:00Z', { gb: 30 }),
    ]);

    const preview = await call('GET', '/v1/invoices/preview?period=2026-09', undefined, [
      'metering:read',
    ]);
    expect(preview).toMatchObject({ status: 200 });
    expect(preview.body).toEqual({
      status: 'draft',
      planKey: 'growth',
      planVersion: 1,
      period: '2026-09',
      periodStart: '2026-08-31T22:00:00.000Z',
      periodEnd: '2026-09-30T22:00:00.000Z',
      currency: 'EUR',
      lines: [
        { kind: 'flat', description: 'Platform fee', amount: '49.00' },
        // 1,000 at 0.002 + 2,500.75 at 0.001 = 4.50075
        {
          kind: 'usage',
          meterKey: 'tokens',
          description: 'tokens: graduated tiers',
          quantity: '3500.75',
          amount: '4.50',
        },
        // 3 × 0.0125 = 0.0375
        {
          kind: 'usage',
          meterKey: 'api_calls',
          description: 'api_calls: 0.0125 per unit',
          quantity: '3',
          unitPrice: '0.0125',
          amount: '0.04',
        },
        // MAX 42.5 × 0.023 = 0.9775
        {
          kind: 'usage',
          meterKey: 'storage_gb',
          description: 'storage_gb: 0.023 per unit',
          quantity: '42.5',
          unitPrice: '0.023',
          amount: '0.98',
        },
      ],
      subtotal: '54.52',
      total: '54.52',
    });
  });

  it('refuses a malformed period (400) and a period no plan prices (404)', async () => {
    for (const period of ['2026-9', '2026-09-01', 'september']) {
      expect(await call('GET', `/v1/invoices/preview?period=${period}`)).toMatchObject(
        problem(400),
      );
    }
    expect(await call('POST', '/v1/invoices/2026-13/close')).toMatchObject(problem(400));
    expect(await call('GET', '/v1/invoices/preview?period=2026-07')).toMatchObject(problem(404));
  });

  it('closes only an ended period, once, and publishes its invoice once', async () => {
    const current = new Date().toISOString().slice(0, 7);
    expect(await call('POST', `/v1/invoices/${current}/close`)).toMatchObject({
      ...problem(422),
      body: { type: 'urn:tenantry:problem:period-not-ended' },
    });
    expect(
      await call('POST', '/v1/invoices/2026-09/close', undefined, ['metering:read']),
    ).toMatchObject(problem(403));

    const closed = await call('POST', '/v1/invoices/2026-09/close');
    expect(closed).toMatchObject({
      status: 201,
      body: {
        status: 'finalized',
        period: '2026-09',
        total: '54.52',
        finalizedBy: `tester@${tenant}`,
      },
    });
    expect(await call('POST', '/v1/invoices/2026-09/close')).toMatchObject({
      ...problem(409),
      body: { type: 'urn:tenantry:problem:period-already-closed' },
    });
    expect(await call('GET', '/v1/invoices/preview?period=2026-09')).toMatchObject({
      body: { status: 'finalized', total: '54.52' },
    });

    const [event] = await waitFor(() => invoiceEvents.length > 0 && invoiceEvents, {
      what: 'invoice.finalized on Kafka',
    });
    expect(event).toMatchObject({
      id: `invoice.finalized/${tenant}/2026-09`,
      type: 'invoice.finalized',
      tenantid: tenant,
      subject: '2026-09',
      data: {
        period: '2026-09',
        planKey: 'growth',
        planVersion: 1,
        currency: 'EUR',
        subtotal: '54.52',
        total: '54.52',
        lines: closed.body.lines,
      },
    });
  });

  it('refuses a plan that would take effect in an invoiced period', async () => {
    expect(await call('PUT', '/v1/plan', { plan, effectiveFrom: '2026-09' })).toMatchObject({
      ...problem(409),
      body: { type: 'urn:tenantry:problem:period-already-invoiced' },
    });
  });

  it('bills late usage of the closed period on the next invoice at the marginal price, never rewriting it', async () => {
    const late = [
      usage('llm.tokens', '2026-09-20T10:00:00Z', { tokens: 500 }),
      // MAX: 50 replaces 42.5 as the period's value, so 7.5 more GB are billed.
      usage('storage.sampled', '2026-09-21T10:00:00Z', { gb: 50 }),
      // Lower than the period's maximum: changes nothing.
      usage('storage.sampled', '2026-09-22T10:00:00Z', { gb: 20 }),
    ];
    await ingest(late);
    // Sent again (a retry): duplicates move no usage and add no adjustment.
    expect(await call('POST', '/v1/events', late)).toMatchObject({ body: { duplicate: 3 } });

    const adjustments = await service.owner.query(
      `SELECT meter_key, original_period_id, quantity::text, reason, source, event_id, billed_in_period_id
         FROM metering.invoice_adjustments WHERE tenant_id = $1 ORDER BY id`,
      [tenant],
    );
    expect(adjustments.rows).toEqual([
      expect.objectContaining({
        meter_key: 'storage_gb',
        original_period_id: '2026-09',
        quantity: '7.5',
        reason: 'late event',
        source: 'billing-test',
        billed_in_period_id: null,
      }),
      expect.objectContaining({ meter_key: 'tokens', quantity: '500', reason: 'late event' }),
    ]);

    const next = await call('GET', '/v1/invoices/preview?period=2026-10');
    expect(adjustmentLines(next)).toEqual([
      {
        kind: 'adjustment',
        meterKey: 'storage_gb',
        description: 'storage_gb: late usage for 2026-09 (late event)',
        quantity: '7.5',
        originalPeriod: '2026-09',
        reason: 'late event',
        // 50 × 0.023 = 1.15, of which 0.98 was billed
        amount: '0.17',
      },
      {
        kind: 'adjustment',
        meterKey: 'tokens',
        description: 'tokens: late usage for 2026-09 (late event)',
        quantity: '500',
        originalPeriod: '2026-09',
        reason: 'late event',
        // all 500 in the 0.001 tier
        amount: '0.50',
      },
    ]);
    // October: the fee and 100,000 tokens (2.00 + 99.00)
    expect(next.body).toMatchObject({ subtotal: '150.00', total: '150.67' });
    expect(await call('GET', '/v1/invoices/preview?period=2026-09')).toMatchObject({
      body: { status: 'finalized', total: '54.52' },
    });
  });

  it('credits a correction of the closed period on the next invoice', async () => {
    // The first September call (u-5) is voided.
    const voided = await call('POST', '/v1/events/u-5/void', {
      source: 'billing-test',
      reason: 'test traffic',
    });
    expect(voided.status).toBeLessThan(300);
    const next = await call('GET', '/v1/invoices/preview?period=2026-10');
    expect(adjustmentLines(next).at(-1)).toEqual({
      kind: 'adjustment',
      meterKey: 'api_calls',
      description: 'api_calls: late usage for 2026-09 (correction)',
      quantity: '-1',
      originalPeriod: '2026-09',
      reason: 'correction',
      // 3 calls billed 0.04; 2 cost 0.025 → 0.02
      amount: '-0.02',
    });
  });

  it('bills each adjustment once: closing the next period marks them billed', async () => {
    await ingest([usage('llm.tokens', '2026-10-31T22:30:00Z', { tokens: 10 })]);
    const closed = await call('POST', '/v1/invoices/2026-10/close');
    expect(closed).toMatchObject({ status: 201, body: { subtotal: '150.01', total: '150.66' } });
    expect(adjustmentLines(closed)).toHaveLength(3);
    const billed = await service.owner.query(
      `SELECT DISTINCT billed_in_period_id FROM metering.invoice_adjustments WHERE tenant_id = $1`,
      [tenant],
    );
    expect(billed.rows).toEqual([{ billed_in_period_id: '2026-10' }]);
    expect(adjustmentLines(await call('GET', '/v1/invoices/preview?period=2026-11'))).toEqual([]);

    // Later usage of September is priced on top of everything billed for it so far.
    await ingest([usage('llm.tokens', '2026-09-25T10:00:00Z', { tokens: 1 })]);
    expect(adjustmentLines(await call('GET', '/v1/invoices/preview?period=2026-11'))).toEqual([
      expect.objectContaining({ meterKey: 'tokens', quantity: '1', amount: '0.00' }),
    ]);
    await waitFor(() => invoiceEvents.some((e) => e.subject === '2026-10'), {
      what: 'the October invoice on Kafka',
    });
    // The October invoice is the fence: a second September event would have come before it.
    expect(invoiceEvents.filter((e) => e.subject === '2026-09')).toHaveLength(1);
  });

  it('reports the cost per 1,000 requests of a period', async () => {
    expect(
      await call('GET', '/v1/reports/unit-economics?period=2026-10&requestsMeter=api_calls'),
    ).toMatchObject({ status: 200, body: { requests: '0', costPer1000Requests: null } });
    const report = await call(
      'GET',
      '/v1/reports/unit-economics?period=2026-09&requestsMeter=api_calls',
    );
    expect(report).toMatchObject({
      status: 200,
      body: {
        period: '2026-09',
        status: 'finalized',
        currency: 'EUR',
        requestsMeter: 'api_calls',
        // one of the three September calls was voided
        requests: '2',
        cost: '54.52',
        invoiceTotal: '54.52',
        costPer1000Requests: '27260.000000',
      },
    });
    expect(
      await call('GET', '/v1/reports/unit-economics?period=2026-09&requestsMeter=nope'),
    ).toMatchObject(problem(404));
    expect(await call('GET', '/v1/reports/unit-economics?period=2026-09')).toMatchObject(
      problem(400),
    );
  });
});
