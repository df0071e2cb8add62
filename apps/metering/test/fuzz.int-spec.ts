import { fuzzOpenApi, fuzzTimeout } from '@tenantry/testing';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

const tenant = 'fuzz';
const plan = {
  key: 'fuzz-plan',
  currency: 'EUR',
  charges: [{ meterKey: 'fuzz-meter', model: { type: 'per-unit', unitPrice: '0.01' } }],
};

describe('the metering API under fuzzing', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    // A little real state, so that mutations of valid requests reach past the lookups: two
    // meters (a second page), an event to correct, a quota and a plan.
    for (const key of ['fuzz-meter', 'fuzz-second']) {
      await service.defineMeter(tenant, {
        key,
        eventType: 'api.call',
        aggregation: 'SUM',
        valueProperty: '$.tokens',
        groupBy: { model: '$.model' },
      });
    }
    const event = {
      id: 'fuzz-event',
      source: 'fuzz',
      type: 'api.call',
      subject: 'customer-1',
      data: { tokens: 5, model: 'small' },
    };
    expect((await service.call(tenant, 'POST', '/v1/events', event)).status).toBeLessThan(300);
    const quota = { limit: '100', period: 'MONTH', enforcement: 'soft' };
    expect((await service.call(tenant, 'PUT', '/v1/quotas/fuzz-meter', quota)).status).toBe(200);
    const pricing = { plan, effectiveFrom: '2026-01' };
    expect((await service.call(tenant, 'PUT', '/v1/plan', pricing)).status).toBe(200);
  });

  afterAll(() => service?.close());

  it(
    'answers every fuzzed request below 500, and every 4xx as problem+json',
    async () => {
      await fuzzOpenApi(service, {
        tenantId: tenant,
        knownValues: {
          key: ['fuzz-meter'],
          meterKey: ['fuzz-meter'],
          requestsMeter: ['fuzz-meter'],
          id: ['fuzz-event'],
          source: ['fuzz'],
          type: ['api.call'],
          eventType: ['api.call'],
          valueProperty: ['$.tokens'],
          path: ['$.tokens', '$.model'],
          period: ['2026-12'],
          time: ['2026-12-01T10:00:00Z'],
          timeZone: ['UTC', 'Europe/Berlin'],
          windowTimeZone: ['UTC'],
          amount: ['500'],
          currency: ['EUR'],
          plan: [plan],
        },
      });
    },
    fuzzTimeout,
  );
});
