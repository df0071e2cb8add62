import { earliestMeterChange } from '@tenantry/metering-core';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

/** The fields of answers the assertions read. */
interface MeterVersionAnswer {
  version: number;
  effectiveFrom: string;
}

/** What the assertions read of a meter answer. */
interface MeterAnswer extends MeterVersionAnswer {
  key: string;
  versions: MeterVersionAnswer[];
}

describe('meters API', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  const call = async <Answer = MeterAnswer>(
    tenant: string,
    method: string,
    path: string,
    body?: unknown,
    roles?: string[],
  ): Promise<{ status: number; type: string | null; body: Answer }> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: await service.as(tenant, roles),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Answer,
    };
  };
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const event = (
    id: string,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => ({
    specversion: '1.0',
    id,
    source: 'api',
    type: 'llm.tokens',
    subject: 'alice',
    time: minutesAgo(30),
    data,
    ...extra,
  });
  const ingest = async (tenant: string, events: unknown[]) => {
    const answer = await call(tenant, 'POST', '/v1/events', events);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const buckets = async (tenant: string, meterKey: string) =>
    (
      await service.owner.query(
        `SELECT bucket_start, subject, group_key, meter_version, count, sum, min, max, latest_value
           FROM metering.usage_buckets WHERE tenant_id = $1 AND meter_key = $2
          ORDER BY bucket_start, subject, group_key`,
        [tenant, meterKey],
      )
    ).rows;
  const tokens = {
    key: 'tokens',
    eventType: 'llm.tokens',
    aggregation: 'SUM',
    valueProperty: '$.tokens',
    groupBy: { model: '$.model' },
  };

  it('defines a meter as version 1 from the epoch and measures the events stored before it', async () => {
    const early = minutesAgo(3 * 24 * 60);
    expect(
      await ingest('backfill', [
        event('e-1', { tokens: 10, model: 'gpt' }, { time: early }),
        event('e-2', { tokens: '2.50', model: 'gpt' }, { time: early }),
        event('e-3', { tokens: 7, model: 'llama' }),
        event('e-4', { model: 'gpt' }),
        event('e-5', { tokens: 1000, model: 'gpt' }),
        event('o-1', { tokens: 5 }, { type: 'other.type' }),
      ]),
    ).toMatchObject({ accepted: 6 });
    // A voided event is not usage any more.
    expect(
      await call('backfill', 'POST', '/v1/events/e-5/void', { reason: 'test traffic' }),
    ).toMatchObject({ status: 200 });

    const defined = await call('backfill', 'POST', '/v1/meters', tokens);

    expect(defined).toMatchObject({
      status: 201,
      body: {
        key: 'tokens',
        version: 1,
        aggregation: 'SUM',
        effectiveFrom: '1970-01-01T00:00:00.000Z',
        archived: false,
        createdBy: 'tester@backfill',
        backfill: {
          events: 4,
          measured: 3,
          unmeasurable: 1,
          unmeasurableExamples: [
            { source: 'api', id: 'e-4', reason: expect.stringMatching(/missing/) },
          ],
        },
      },
    });
    expect(defined.body.versions).toHaveLength(1);
    const stored = await buckets('backfill', 'tokens');
    expect(stored.map((row) => [row.group_key, row.sum, row.meter_version])).toEqual([
      ['{"model":"gpt"}', '12.5', 1],
      ['{"model":"llama"}', '7', 1],
    ]);
  });

  it('counts events arriving after the definition like the backfilled ones', async () => {
    await ingest('backfill', [event('e-6', { tokens: 1, model: 'llama' })]);
    const stored = await buckets('backfill', 'tokens');
    expect(stored.map((row) => [row.group_key, row.sum])).toEqual([
      ['{"model":"gpt"}', '12.5'],
      ['{"model":"llama"}', '8'],
    ]);
  });

  it('refuses a second meter with the same key, an invalid one, and callers without the admin role', async () => {
    expect(await call('backfill', 'POST', '/v1/meters', tokens)).toMatchObject({
      status: 409,
      type: expect.stringContaining('problem+json'),
    });
    expect(
      await call('backfill', 'POST', '/v1/meters', {
        ...tokens,
        key: 'sum-less',
        valueProperty: undefined,
      }),
    ).toMatchObject({ status: 422 });
    expect(
      await call('backfill', 'POST', '/v1/meters', { ...tokens, key: 'reader' }, ['metering:read']),
    ).toMatchObject({ status: 403 });
    expect(await call('backfill', 'GET', '/v1/meters/reader')).toMatchObject({ status: 404 });
  });

  it('loses no event measured while a meter is being defined', async () => {
    const batches = Array.from({ length: 12 }, (_, batch) =>
      Array.from({ length: 200 }, (_, index) =>
        event(
          `race-${batch}-${index}`,
          { tokens: batch + 1, model: 'gpt' },
          {
            type: 'race.tokens',
            time: minutesAgo(index % 50),
          },
        ),
      ),
    );
    const [first, ...rest] = batches;
    await ingest('race', first!);
    const ingesting = (async () => {
      for (const batch of rest) await ingest('race', batch);
    })();
    const defined = await call('race', 'POST', '/v1/meters', {
      ...tokens,
      eventType: 'race.tokens',
    });
    await ingesting;
    expect(defined.status).toBe(201);
    const { rows } = await service.owner.query(
      `SELECT sum(sum)::text AS total, sum(count)::text AS count FROM metering.usage_buckets
        WHERE tenant_id = 'race' AND meter_key = 'tokens'`,
    );
    // Batch 0 (tokens 1) went in before the definition; batches 1-11 (tokens 2-12) during and after it.
    expect(rows).toEqual([{ total: String(200 * 78), count: '2400' }]);
  });

  it('changes a meter with a new version from the earliest allowed minute, keeping the old one until then', async () => {
    const before = Date.now();
    const changed = await call('backfill', 'PUT', '/v1/meters/tokens', {
      ...tokens,
      key: undefined,
      valueProperty: '$.total',
    });
    const after = Date.now();

    expect(changed.status).toBe(200);
    const effectiveFrom = Date.parse(changed.body.versions[1]!.effectiveFrom);
    expect(effectiveFrom).toBeGreaterThanOrEqual(earliestMeterChange(new Date(before)).getTime());
    expect(effectiveFrom).toBeLessThanOrEqual(earliestMeterChange(new Date(after)).getTime());
    expect(changed.body).toMatchObject({
      key: 'tokens',
      version: 1,
      valueProperty: '$.tokens',
      versions: [
        { version: 1, valueProperty: '$.tokens' },
        { version: 2, valueProperty: '$.total', archived: false, createdBy: 'tester@backfill' },
      ],
    });
    // Until version 2 takes effect, events are measured by version 1.
    expect(await ingest('backfill', [event('e-7', { tokens: 2, model: 'llama' })])).toMatchObject({
      accepted: 1,
    });
    const stored = await buckets('backfill', 'tokens');
    expect(stored.map((row) => [row.group_key, row.sum])).toEqual([
      ['{"model":"gpt"}', '12.5'],
      ['{"model":"llama"}', '10'],
    ]);
  });

  it('takes a requested effective time that is late enough, and refuses one that is not', async () => {
    const later = new Date(Date.now() + 86_400_000);
    later.setUTCSeconds(0, 0);
    const scheduled = await call('backfill', 'PUT', '/v1/meters/tokens', {
      ...tokens,
      groupBy: {},
      effectiveFrom: later.toISOString(),
    });
    expect(scheduled).toMatchObject({
      status: 200,
      body: { versions: [{}, {}, { version: 3, effectiveFrom: later.toISOString(), groupBy: {} }] },
    });

    for (const effectiveFrom of [
      new Date(Date.now() + 60_000).toISOString(),
      new Date(later.getTime() - 60_000).toISOString(),
      new Date(later.getTime() + 30_000).toISOString(),
    ]) {
      expect(
        await call('backfill', 'PUT', '/v1/meters/tokens', { ...tokens, effectiveFrom }),
      ).toMatchObject({
        status: 422,
        body: { type: expect.stringContaining('meter-change-refused') },
      });
    }
  });

  it('refuses changing the aggregation or the key, an invalid definition and an unknown meter', async () => {
    expect(
      await call('backfill', 'PUT', '/v1/meters/tokens', { ...tokens, aggregation: 'MAX' }),
    ).toMatchObject({ status: 422, body: { detail: expect.stringMatching(/aggregation/) } });
    expect(
      await call('backfill', 'PUT', '/v1/meters/tokens', { ...tokens, key: 'renamed' }),
    ).toMatchObject({ status: 422 });
    expect(
      await call('backfill', 'PUT', '/v1/meters/tokens', { ...tokens, valueProperty: 'tokens' }),
    ).toMatchObject({ status: 422 });
    expect(await call('backfill', 'PUT', '/v1/meters/nothing', tokens)).toMatchObject({
      status: 404,
      type: expect.stringContaining('problem+json'),
    });
    expect(
      await call('backfill', 'PUT', '/v1/meters/tokens', tokens, ['metering:read']),
    ).toMatchObject({ status: 403 });
  });

  it('archives a meter with a new version and refuses archiving it twice', async () => {
    const archived = await call('backfill', 'DELETE', '/v1/meters/tokens');
    expect(archived).toMatchObject({ status: 200, body: { version: 1, archived: false } });
    const last = archived.body.versions.at(-1);
    expect(last).toMatchObject({ version: 4, archived: true, valueProperty: '$.tokens' });
    // Never before the version scheduled for tomorrow.
    expect(Date.parse(last!.effectiveFrom)).toBe(
      Date.parse(archived.body.versions[2]!.effectiveFrom),
    );
    expect(await call('backfill', 'DELETE', '/v1/meters/tokens')).toMatchObject({ status: 409 });
    expect(await call('backfill', 'DELETE', '/v1/meters/nothing')).toMatchObject({ status: 404 });
  });

  it('lists the meters with their versions to readers', async () => {
    await call('backfill', 'POST', '/v1/meters', {
      key: 'calls',
      eventType: 'llm.tokens',
      aggregation: 'COUNT',
      filter: { all: [{ path: '$.model', op: 'eq', value: 'gpt' }] },
    });
    const list = await call<{ data: MeterAnswer[]; nextCursor: string | null }>(
      'backfill',
      'GET',
      '/v1/meters',
      undefined,
      ['metering:read'],
    );
    expect(list.status).toBe(200);
    expect(
      list.body.data.map((meter) => [meter.key, meter.version, meter.versions.length]),
    ).toEqual([
      ['calls', 1, 1],
      ['tokens', 1, 4],
    ]);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.data[0]).toMatchObject({
      groupBy: {},
      filter: { all: [{ path: '$.model', op: 'eq', value: 'gpt' }] },
    });
    const one = await call('backfill', 'GET', '/v1/meters/calls', undefined, ['metering:read']);
    expect(one.body).toEqual(list.body.data[0]);
    expect(await call('other-tenant', 'GET', '/v1/meters')).toMatchObject({
      status: 200,
      body: { data: [], nextCursor: null },
    });
  });

  it('pages the meters in key order, every version of a meter on the same page', async () => {
    const firstPage = await call<{ data: MeterAnswer[]; nextCursor: string | null }>(
      'backfill',
      'GET',
      '/v1/meters?limit=1',
    );
    expect(firstPage.body.data.map((meter) => [meter.key, meter.versions.length])).toEqual([
      ['calls', 1],
    ]);
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    expect(
      await call('backfill', 'GET', `/v1/meters?limit=1&cursor=${firstPage.body.nextCursor}`),
    ).toMatchObject({
      body: { data: [{ key: 'tokens', versions: [{}, {}, {}, {}] }], nextCursor: null },
    });
    expect(await call('backfill', 'GET', '/v1/meters?limit=0')).toMatchObject({
      status: 400,
      body: { type: 'urn:tenantry:problem:invalid-query-parameters' },
    });
  });

  it('answers the same meter-not-found wherever an unknown meter is named', async () => {
    const expected = {
      status: 404,
      body: {
        type: 'urn:tenantry:problem:meter-not-found',
        title: 'Meter not found',
        key: 'nothing',
      },
    };
    expect(await call('backfill', 'GET', '/v1/meters/nothing')).toMatchObject(expected);
    expect(
      await call(
        'backfill',
        'GET',
        '/v1/meters/nothing/query?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z',
      ),
    ).toMatchObject(expected);
    expect(
      await call('backfill', 'PUT', '/v1/quotas/nothing', {
        limit: '1',
        period: 'DAY',
        enforcement: 'soft',
      }),
    ).toMatchObject(expected);
    expect(
      await call('backfill', 'GET', '/v1/reports/unit-economics?requestsMeter=nothing'),
    ).toMatchObject(expected);
  });
});
