import type { SampleRow } from '@tenantry/drift-core';
import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

interface ReferenceAnswer {
  version: number;
  rows: number;
  active: boolean;
  source: Record<string, unknown>;
  createdBy: string;
  profile?: {
    rows: number;
    features: Record<string, Record<string, unknown>>;
    prediction: Record<string, unknown> | null;
  };
}

interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: Array<{ row: number; problems: string[] }>;
}

const csvColumns = ['timestamp', 'age', 'income', 'plan', 'region', 'prediction', 'label'];

/** The rows as CSV with a header; null becomes an empty cell. */
function csvOf(rows: SampleRow[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const lines = rows.map((row) =>
    [
      row.timestamp,
      row.features.age,
      row.features.income,
      row.features.plan,
      row.features.region,
      row.prediction,
      row.label,
    ]
      .map(cell)
      .join(','),
  );
  return [csvColumns.join(','), ...lines].join('\n') + '\n';
}

describe('references API', () => {
  let service: DriftTestApp;
  const rows = sampleRows({ count: 400, seed: 11 }).map((row, index) =>
    // Some missing values, which every format must carry alike.
    index % 37 === 0 ? { ...row, features: { ...row.features, age: null } } : row,
  );

  beforeAll(async () => {
    service = await startDriftTestApp();
    await service.call('acme', 'POST', '/v1/models', fixtureModel());
  });

  afterAll(async () => {
    await service?.close();
  });

  const upload = (body: unknown, contentType?: string, query = '') =>
    service.call<ReferenceAnswer & Problem>(
      'acme',
      'POST',
      `/v1/models/churn/references${query}`,
      body,
      contentType ? { contentType } : {},
    );
  const profileOf = async (version: number) =>
    (await service.call<ReferenceAnswer>('acme', 'GET', `/v1/models/churn/references/${version}`))
      .body.profile;

  it('fits the same profile from JSON, {rows}, NDJSON and CSV uploads of the same rows, counting versions up', async () => {
    const json = await upload(rows);
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({
      version: 1,
      rows: 400,
      active: true,
      source: { kind: 'upload', format: 'json', rows: 400 },
      createdBy: 'tester@acme',
    });
    const wrapped = await upload({ rows });
    const ndjson = await upload(
      rows.map((row) => JSON.stringify(row)).join('\n'),
      'application/x-ndjson',
    );
    const csv = await upload(csvOf(rows), 'text/csv');
    expect([wrapped, ndjson, csv].map((answer) => [answer.status, answer.body.version])).toEqual([
      [201, 2],
      [201, 3],
      [201, 4],
    ]);
    expect(csv.body.source).toEqual({ kind: 'upload', format: 'csv', rows: 400 });

    const profile = await profileOf(1);
    expect(profile!.rows).toBe(400);
    expect(profile!.features.age).toMatchObject({ kind: 'numeric', count: 400 - 11, missing: 11 });
    expect(profile!.features.age).not.toHaveProperty('sample');
    expect(profile!.features.age).not.toHaveProperty('sketch');
    expect(profile!.features.plan).toMatchObject({ kind: 'categorical' });
    for (const version of [2, 3, 4]) expect(await profileOf(version)).toEqual(profile);
  });

  it('lists versions with the active one flagged, and activates another version', async () => {
    const inactive = await upload(rows.slice(0, 200), undefined, '?activate=false');
    expect(inactive.body).toMatchObject({ version: 5, active: false });
    const list = async () =>
      (
        await service.call<{ data: ReferenceAnswer[] }>(
          'acme',
          'GET',
          '/v1/models/churn/references',
        )
      ).body.data.map(({ version, rows: count, active }) => ({ version, count, active }));
    expect(await list()).toEqual([
      { version: 1, count: 400, active: false },
      { version: 2, count: 400, active: false },
      { version: 3, count: 400, active: false },
      { version: 4, count: 400, active: true },
      { version: 5, count: 200, active: false },
    ]);
    const activated = await service.call<ReferenceAnswer>(
      'acme',
      'POST',
      '/v1/models/churn/references/5/activate',
    );
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ version: 5, active: true });
    expect((await list()).filter((reference) => reference.active)).toEqual([
      { version: 5, count: 200, active: true },
    ]);
    const model = await service.call<{ activeReference: number }>(
      'acme',
      'GET',
      '/v1/models/churn',
    );
    expect(model.body.activeReference).toBe(5);

    expect(
      (await service.call('acme', 'POST', '/v1/models/churn/references/99/activate')).status,
    ).toBe(404);
    expect((await service.call('acme', 'GET', '/v1/models/churn/references/99')).status).toBe(404);
  });

  it('lists versions a page at a time, oldest first', async () => {
    const first = await service.call<{ data: ReferenceAnswer[]; nextCursor: string }>(
      'acme',
      'GET',
      '/v1/models/churn/references?limit=3',
    );
    expect(first.body.data.map((reference) => reference.version)).toEqual([1, 2, 3]);
    const rest = await service.call<{ data: ReferenceAnswer[]; nextCursor: string | null }>(
      'acme',
      'GET',
      `/v1/models/churn/references?limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ data: [{ version: 4 }, { version: 5 }], nextCursor: null });
    expect((await service.call('acme', 'GET', '/v1/models/nope/references?limit=3')).status).toBe(
      404,
    );
  });

  it('fits a reference from the samples received in a time range, like an upload of the same rows', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'from-samples' }));
    const received = sampleRows({ count: 600, seed: 12, spacingMs: 10_000 });
    for (let start = 0; start < received.length; start += 150) {
      const answer = await service.call('acme', 'POST', '/v1/models/from-samples/samples', {
        rows: received.slice(start, start + 150),
      });
      expect(answer.status).toBe(202);
    }
    const from = received[100]!.timestamp;
    const to = received[500]!.timestamp;
    const ranged = await service.call<ReferenceAnswer>(
      'acme',
      'POST',
      '/v1/models/from-samples/references',
      { from, to },
    );
    expect(ranged.status).toBe(201);
    expect(ranged.body.source).toEqual({ kind: 'samples', from, to, rows: 400 });

    const uploaded = await service.call<ReferenceAnswer>(
      'acme',
      'POST',
      '/v1/models/from-samples/references',
      received.slice(100, 500),
    );
    const profiles = await Promise.all(
      [ranged.body.version, uploaded.body.version].map(
        async (version) =>
          (
            await service.call<ReferenceAnswer>(
              'acme',
              'GET',
              `/v1/models/from-samples/references/${version}`,
            )
          ).body.profile,
      ),
    );
    expect(profiles[0]).toEqual(profiles[1]);

    const empty = await service.call<Problem>(
      'acme',
      'POST',
      '/v1/models/from-samples/references',
      {
        from: '2020-01-01T00:00:00Z',
        to: '2020-01-02T00:00:00Z',
      },
    );
    expect(empty.status).toBe(422);
    expect(empty.body.type).toMatch(/empty-reference$/);
  });

  it.each([
    ['a "NaN" string', { age: 'NaN' }, 'features.age'],
    ['an "Infinity" string', { income: 'Infinity' }, 'features.income'],
    ['a boolean for a numeric feature', { age: true }, 'features.age'],
    ['an object for a categorical feature', { plan: { tier: 1 } }, 'features.plan'],
  ])('refuses an upload with %s, naming the row and the field', async (_, features, field) => {
    const bad = rows
      .slice(0, 50)
      .map((row, index) =>
        index === 7 ? { ...row, features: { ...row.features, ...features } } : row,
      );
    const answer = await upload(bad);
    expect(answer.status).toBe(422);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors).toEqual([{ row: 7, problems: [expect.stringContaining(field)] }]);
  });

  it('refuses NaN and Infinity in CSV cells and NaN literals in NDJSON, with the row index', async () => {
    const csv = csvOf(rows.slice(0, 10)).split('\n');
    const cells = csv[3]!.split(',');
    cells[1] = 'NaN';
    csv[3] = cells.join(',');
    const cells2 = csv[6]!.split(',');
    cells2[2] = '-Infinity';
    csv[6] = cells2.join(',');
    const fromCsv = await upload(csv.join('\n'), 'text/csv');
    expect(fromCsv.status).toBe(422);
    expect(fromCsv.body.errors!.map((error) => error.row)).toEqual([2, 5]);
    expect(fromCsv.body.errors![0]!.problems.join()).toContain('features.age');
    expect(fromCsv.body.errors![1]!.problems.join()).toContain('features.income');

    const lines = rows.slice(0, 10).map((row) => JSON.stringify(row));
    lines[4] = lines[4]!.replace(/"age":[^,]+/, '"age":NaN');
    const fromNdjson = await upload(lines.join('\n'), 'application/x-ndjson');
    expect(fromNdjson.status).toBe(422);
    expect(fromNdjson.body.errors!.map((error) => error.row)).toEqual([4]);
  });

  it('refuses an empty upload, unreadable CSV and an unknown media type', async () => {
    for (const [body, type] of [
      [[], undefined],
      ['', 'application/x-ndjson'],
      [csvColumns.join(',') + '\n', 'text/csv'],
    ] as const) {
      const answer = await upload(body, type);
      expect([answer.status, answer.body.type]).toEqual([
        422,
        expect.stringMatching(/empty-reference$/),
      ]);
    }
    const ragged = await upload('age,income\n1,2,3\n', 'text/csv');
    expect(ragged.status).toBe(422);
    expect(ragged.body.type).toMatch(/malformed-upload$/);
    const plain = await upload('age,income', 'text/plain');
    expect(plain.status).toBe(415);
    const maybe = await upload(rows.slice(0, 10), undefined, '?activate=maybe');
    expect([maybe.status, maybe.body.type]).toEqual([
      400,
      expect.stringMatching(/invalid-query-parameters$/),
    ]);
  });

  it('answers 404 for an unknown model, also to another tenant', async () => {
    expect((await service.call('acme', 'POST', '/v1/models/nope/references', rows)).status).toBe(
      404,
    );
    expect((await service.call('globex', 'POST', '/v1/models/churn/references', rows)).status).toBe(
      404,
    );
    expect((await service.call('globex', 'GET', '/v1/models/churn/references/1')).status).toBe(404);
  });

  it('serves the new profile after a model is deleted and registered again under its key', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'reborn' }));
    await service.call('acme', 'POST', '/v1/models/reborn/references', rows.slice(0, 100));
    const first = (
      await service.call<ReferenceAnswer>('acme', 'GET', '/v1/models/reborn/references/1')
    ).body.profile;
    await service.call('acme', 'DELETE', '/v1/models/reborn');
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'reborn' }));
    await service.call('acme', 'POST', '/v1/models/reborn/references', rows.slice(0, 300));
    const second = (
      await service.call<ReferenceAnswer>('acme', 'GET', '/v1/models/reborn/references/1')
    ).body.profile;
    expect([first!.rows, second!.rows]).toEqual([100, 300]);
  });
});
