import { fixtureModel, fixtureStart, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

const tenant = 'acme';
const from = fixtureStart.toISOString();
const to = new Date(fixtureStart.getTime() + 2 * 3_600_000).toISOString();

interface ComparisonAnswer {
  champion: { modelKey: string; rows: number };
  challenger: { modelKey: string; rows: number };
  status: string;
  prediction: { column: string; statistic: string; status: string; value: number };
  histogram: { kind: string };
}

describe('champion/challenger comparisons', () => {
  let service: DriftTestApp;
  const championRows = sampleRows({ count: 900, seed: 40, spacingMs: 7000 });

  beforeAll(async () => {
    service = await startDriftTestApp();
    const models = [
      fixtureModel({ key: 'champion', segments: [] }),
      fixtureModel({ key: 'twin', segments: [] }),
      fixtureModel({ key: 'bold', segments: [] }),
      fixtureModel({ key: 'idle', segments: [] }),
      fixtureModel({ key: 'mute', segments: [], prediction: undefined }),
      fixtureModel({ key: 'scorer', segments: [], prediction: { name: 'churn', kind: 'numeric' } }),
    ];
    for (const model of models) {
      expect((await service.call(tenant, 'POST', '/v1/models', model)).status).toBe(201);
    }
    // No reference anywhere: comparisons read the stored samples only.
    const batches: Array<[string, unknown[]]> = [
      ['champion', championRows],
      ['twin', championRows],
      ['bold', sampleRows({ count: 700, seed: 41, spacingMs: 9000, shift: 1 })],
      ['mute', championRows],
      [
        'scorer',
        championRows.map((row) => ({ ...row, prediction: row.prediction === 'churn' ? 0.9 : 0.1 })),
      ],
    ];
    for (const [key, rows] of batches) {
      expect(
        (await service.call(tenant, 'POST', `/v1/models/${key}/samples`, { rows })).status,
      ).toBe(202);
    }
  });

  afterAll(() => service?.close());

  const compare = (champion: string, challenger: string, range = { from, to }) =>
    service.call<ComparisonAnswer>(tenant, 'POST', `/v1/models/${champion}/comparisons`, {
      challenger,
      ...range,
    });

  it('finds no drift between a model and a challenger with the same outputs', async () => {
    const answer = await compare('champion', 'twin');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      champion: { modelKey: 'champion', rows: 900 },
      challenger: { modelKey: 'twin', rows: 900 },
      status: 'no_drift',
      prediction: { column: 'churn', statistic: 'z', status: 'no_drift', value: 1 },
      histogram: { kind: 'categorical' },
    });
  });

  it('finds drift when the challenger predicts differently', async () => {
    const answer = await compare('champion', 'bold');
    expect(answer.body).toMatchObject({
      challenger: { modelKey: 'bold', rows: 700 },
      status: 'drift',
      prediction: { column: 'churn', statistic: 'z', status: 'drift' },
    });
  });

  it('counts only the rows in [from, to)', async () => {
    const answer = await compare('champion', 'twin', {
      from,
      to: new Date(fixtureStart.getTime() + 3_600_000).toISOString(),
    });
    const inFirstHour = championRows.filter(
      (row) => Date.parse(row.timestamp) < fixtureStart.getTime() + 3_600_000,
    ).length;
    expect(answer.body).toMatchObject({
      champion: { rows: inFirstHour },
      challenger: { rows: inFirstHour },
    });
  });

  it.each([
    ['champion', 'mute', 'has no prediction'],
    ['champion', 'scorer', 'predicts categorical values, "scorer" numeric ones'],
    ['champion', 'idle', 'Model "idle" received no rows'],
  ])('refuses %s against %s with 422: %s', async (champion, challenger, detail) => {
    expect(await compare(champion, challenger)).toMatchObject({
      status: 422,
      type: expect.stringContaining('problem+json'),
      body: {
        type: 'urn:tenantry:problem:comparison-not-possible',
        detail: expect.stringContaining(detail),
      },
    });
  });

  it('answers 404 for an unknown model and 422 for a bad body', async () => {
    expect(await compare('champion', 'nobody')).toMatchObject({ status: 404 });
    expect(await compare('nobody', 'champion')).toMatchObject({ status: 404 });
    expect(await compare('champion', 'twin', { from: to, to: from })).toMatchObject({
      status: 422,
      body: { errors: [{ path: '/to' }] },
    });
  });
});
