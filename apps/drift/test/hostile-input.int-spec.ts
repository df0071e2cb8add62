import { encodePageCursor } from '@tenantry/problem-details';
import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

// Regressions of issue 10: each input here once answered 500.
const tenant = 'hostile-co';

interface Problem {
  type?: string;
  errors?: Array<{ path?: string; parameter?: string; message: string }>;
}

describe('drift refuses hostile input with 4xx problems', () => {
  let service: DriftTestApp;

  beforeAll(async () => {
    service = await startDriftTestApp();
    expect((await service.call(tenant, 'POST', '/v1/models', fixtureModel())).status).toBe(201);
  });

  afterAll(() => service?.close());

  const call = (method: string, path: string, body?: unknown, contentType?: string) =>
    service.call<Problem>(tenant, method, path, body, contentType ? { contentType } : {});

  it.each([
    ['a model key', '/v1/models/a%00b'],
    ['a model key of a sub-resource', '/v1/models/a%00b/status'],
    ['a segment', '/v1/models/churn/windows?segment=plan%3Da%00'],
  ])('answers a NUL in %s with 400 naming the parameter', async (_where, path) => {
    const answer = await call('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body.errors?.[0]?.message).toBe('must not contain the NUL character (U+0000)');
  });

  it('answers unstorable text in sample rows and in a CSV upload with 422', async () => {
    const [row] = sampleRows({ count: 1, seed: 3 });
    const rows = [{ ...row!, features: { ...row!.features, plan: 'pro\ud800' } }];
    expect((await call('POST', '/v1/models/churn/samples', { rows })).status).toBe(422);
    const csv =
      'timestamp,age,income,plan,region,prediction,label\n2026-01-05T00:00:00Z,1,2,a\u0000,eu,0,0\n';
    expect((await call('POST', '/v1/models/churn/references', csv, 'text/csv')).status).toBe(422);
  });

  it.each(['2147483648', '0', '-1', '99999999999', '1e3'])(
    'answers the reference version %p with 400 naming it',
    async (version) => {
      const answer = await call('GET', `/v1/models/churn/references/${version}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        type: 'urn:tenantry:problem:invalid-path-parameters',
        errors: [{ parameter: 'version', message: expect.any(String) }],
      });
    },
  );

  it.each([
    ['the year 0000', '0000-01-01T00:00:00Z'],
    ['an offset of -23:59', '2026-01-05T00:00:00-23:59'],
  ])('refuses a time of %s in queries and bodies', async (_case, time) => {
    expect(
      (await call('GET', `/v1/models/churn/windows?from=${encodeURIComponent(time)}`)).status,
    ).toBe(400);
    const range = { from: time, to: '2026-02-01T00:00:00Z' };
    expect((await call('POST', '/v1/models/churn/references', range)).status).toBe(422);
    expect(
      (await call('POST', '/v1/models/churn/comparisons', { challenger: 'churn', ...range }))
        .status,
    ).toBe(422);
  });

  it.each([
    ['a version beyond int4', '/v1/models/churn/references', encodePageCursor(2 ** 31)],
    ['a NUL model key', '/v1/models', encodePageCursor('a\u0000')],
    ['a window index of 1e300', '/v1/models/churn/windows', encodePageCursor(1e300)],
    ['garbage', '/v1/models/churn/events', '%00%ff'],
  ])('answers a forged cursor (%s) with 400', async (_case, path, cursor) => {
    const answer = await call('GET', `${path}?cursor=${cursor}`);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
  });
});
