import { encodePageCursor } from '@tenantry/problem-details';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

// Regressions of issue 10: each input here once answered 500.
const tenant = 'hostile-co';

interface Problem {
  type?: string;
  status?: number;
  errors?: Array<{ path?: string; parameter?: string; message: string }>;
  results?: Array<{ status: string; reason?: string }>;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe('metering refuses hostile input with 4xx problems', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    await service.defineMeter(tenant, {
      key: 'tokens',
      eventType: 'llm.tokens',
      aggregation: 'SUM',
      valueProperty: '$.tokens',
      groupBy: {},
    });
  });

  afterAll(() => service?.close());

  const call = (method: string, path: string, body?: unknown) =>
    service.call<Problem>(tenant, method, path, body);
  const usage = (
    id: string,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => ({
    specversion: '1.0',
    id,
    source: 'hostile-test',
    type: 'llm.tokens',
    time: new Date().toISOString(),
    data: { tokens: 1, ...data },
    ...extra,
  });

  it.each([
    ['a meter key', '/v1/meters/a%00b'],
    ['a quota meter key', '/v1/quotas/a%00b/balance'],
    ['an event id', '/v1/events/a%00b/corrections'],
    [
      'a query parameter',
      '/v1/meters/tokens/query?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&subject=a%00b',
    ],
  ])('answers a NUL in %s with 400 naming the parameter', async (_where, path) => {
    const answer = await call('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body.errors?.[0]?.message).toBe('must not contain the NUL character (U+0000)');
  });

  it('answers NUL and lone surrogates in a body with 422 at each place', async () => {
    const answer = await call('PUT', '/v1/quotas/tokens', {
      limit: '10',
      period: 'MONTH',
      enforcement: 'soft',
      note: 'a\u0000',
      'key\ud800': 1,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/note', message: 'must not contain the NUL character (U+0000)' },
        {
          path: '/key\ud800',
          message: expect.stringContaining('property name must be well-formed'),
        },
      ]),
    );
  });

  it('refuses only the unstorable events of a batch, each with its reason', async () => {
    const answer = await call('POST', '/v1/events', [
      usage('ok-1', {}),
      usage('nul-data', { note: 'a\u0000' }),
      usage('surrogate-key', { ['k\udc00']: 1 }),
      usage('nul-subject', {}, { subject: 'a\u0000' }),
      usage('deep', { deep: nested(10_000) }),
      usage('ok-2', {}),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.results!.map(({ status }) => status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(answer.body.results![1]!.reason).toContain('data.note: must not contain the NUL');
    expect(answer.body.results![4]!.reason).toContain(
      'must not nest arrays or objects more than 32 deep',
    );
  });

  it('answers a single event nested 10,000 deep with 422, not a stack overflow', async () => {
    const answer = await call('POST', '/v1/events', usage('deep-single', { deep: nested(10_000) }));
    expect(answer.status).toBe(422);
  });

  it.each(['str', '', ' ', '9'.repeat(200_000)])(
    'answers the plan amount %p with 422',
    async (amount) => {
      const answer = await call('PUT', '/v1/plan', {
        plan: { key: 'p', currency: 'EUR', flatFees: [{ key: 'fee', amount }], charges: [] },
        effectiveFrom: '2026-08',
      });
      expect(answer.status).toBe(422);
      expect(answer.type).toBe('application/problem+json');
    },
  );

  it('refuses decimal strings beyond 40 integer digits for caps, grants and quota limits', async () => {
    const huge = '9'.repeat(200_000);
    for (const [method, path, body] of [
      ['PUT', '/v1/cost-cap', { amount: huge, currency: 'EUR' }],
      ['POST', '/v1/quotas/tokens/grants', { id: 'g', amount: huge }],
      ['PUT', '/v1/quotas/tokens', { limit: '9'.repeat(41), period: 'MONTH', enforcement: 'soft' }],
    ] as const) {
      expect([path, (await call(method, path, body)).status]).toEqual([path, 422]);
    }
  });

  it.each([
    ['the year 0000', 'from=0000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['an offset of -23:59', 'from=2026-01-01T00:00:00-23:59&to=2026-01-03T00:00:00Z'],
  ])('answers a usage query from %s with 400', async (_case, query) => {
    const answer = await call('GET', `/v1/meters/tokens/query?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('urn:tenantry:problem:invalid-query-parameters');
  });

  it.each([
    ['a position of the wrong type', '/v1/meters', encodePageCursor(42)],
    ['a NUL in the position', '/v1/meters', encodePageCursor('a\u0000')],
    [
      'a grant position with a year-0000 instant',
      '/v1/quotas/tokens/grants',
      encodePageCursor(['0000-01-01T00:00:00Z', 'g']),
    ],
    ['a correction id beyond bigint', '/v1/events/e/corrections', encodePageCursor('9'.repeat(30))],
    ['a conflict id of 1e300', '/v1/ingestion/conflicts', encodePageCursor(1e300)],
    ['garbage', '/v1/meters', '%00%ff'],
  ])('answers a forged cursor (%s) with 400', async (_case, path, cursor) => {
    const answer = await call('GET', `${path}?cursor=${cursor}`);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
  });
});
