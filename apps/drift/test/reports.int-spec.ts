import {
  compareColumn,
  emptyWindowState,
  fitReference,
  foldRows,
  type ModelSpec,
  type SampleRow,
  type WindowVerdict,
} from '@tenantry/drift-core';
import { waitFor } from '@tenantry/testing';
import { fixtureModel, fixtureStart, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';
import type { WindowReport } from '../src/windows/window-report';

const tenant = 'acme';
const hostile = '<script>alert("owned")</script>';
const windowStart = new Date(fixtureStart.getTime() + 3 * 3_600_000);
const windowIndex = windowStart.getTime() / 3_600_000;

/** A report of a judged window as JSON delivers it: dates as strings. */
type ReportJson = Omit<
  WindowReport,
  'windowStart' | 'windowEnd' | 'closedAt' | 'revisedAt' | 'verdict'
> & {
  windowStart: string;
  windowEnd: string;
  verdict: WindowVerdict | null;
};

describe('window reports: JSON and HTML', () => {
  let service: DriftTestApp;
  let spec: ModelSpec;
  const referenceRows = sampleRows({ count: 2000, seed: 5 });
  const windowRows: SampleRow[] = [
    ...sampleRows({ count: 599, seed: 6, start: windowStart, spacingMs: 5000, shift: 0.5 }),
    {
      timestamp: new Date(windowStart.getTime() + 3_000_000).toISOString(),
      features: { age: 41, income: 52_000, plan: hostile, region: 'eu' },
      prediction: 'stay',
    },
  ];

  beforeAll(async () => {
    service = await startDriftTestApp({ DRIFT_CLOSE_INTERVAL_MS: '100' });
    const created = await service.call<{ spec: ModelSpec }>(
      tenant,
      'POST',
      '/v1/models',
      fixtureModel({ key: 'reported', segments: [] }),
    );
    expect(created.status).toBe(201);
    spec = created.body.spec;
    expect(
      (
        await service.call(tenant, 'POST', '/v1/models/reported/references', {
          rows: referenceRows,
        })
      ).status,
    ).toBe(201);
    expect(
      (await service.call(tenant, 'POST', '/v1/models/reported/samples', { rows: windowRows }))
        .status,
    ).toBe(202);
    await waitFor(
      async () => {
        const status = await service.call<{ segments: Array<{ lastJudgedWindow: unknown }> }>(
          tenant,
          'GET',
          '/v1/models/reported/status',
        );
        return status.body.segments[0]?.lastJudgedWindow != null;
      },
      { what: 'the window judged' },
    );
  });

  afterAll(() => service?.close());

  it('gives the numbers drift-core computes from the same rows', async () => {
    const report = await service.call<ReportJson>(
      tenant,
      'GET',
      `/v1/models/reported/windows/${windowIndex}/report`,
    );
    expect(report.status).toBe(200);
    const reference = fitReference(referenceRows, spec);
    const state = foldRows(emptyWindowState(spec, reference), windowRows, spec, reference);
    expect(report.body).toMatchObject({
      modelKey: 'reported',
      segment: '',
      windowIndex,
      windowStart: windowStart.toISOString(),
      windowEnd: new Date(windowStart.getTime() + 3_600_000).toISOString(),
      referenceVersion: 1,
      rows: { reference: 2000, current: 600 },
      verdict: { status: 'drift' },
    });
    expect(report.body.columns.map((column) => [column.column, column.role])).toEqual([
      ['age', 'feature'],
      ['income', 'feature'],
      ['plan', 'feature'],
      ['churn', 'prediction'],
    ]);
    for (const column of report.body.columns) {
      const referenceColumn =
        column.role === 'prediction' ? reference.prediction! : reference.features[column.column]!;
      const currentColumn =
        column.role === 'prediction' ? state.prediction! : state.features[column.column]!;
      expect([column.column, column.statistics]).toEqual([
        column.column,
        JSON.parse(JSON.stringify(compareColumn(referenceColumn, currentColumn))),
      ]);
      expect(column.reference).toEqual({
        count: referenceColumn.count,
        missing: referenceColumn.missing,
      });
      expect(column.current).toEqual({
        count: currentColumn.count,
        missing: currentColumn.missing,
      });
      expect(column.verdict).toEqual(
        report.body.verdict!.features.find((verdict) => verdict.column === column.column) ??
          report.body.verdict!.prediction,
      );
    }
  });

  it('draws numeric columns on the reference bins and flags new categories', async () => {
    const report = await service.call<ReportJson>(
      tenant,
      'GET',
      `/v1/models/reported/windows/${windowIndex}/report`,
    );
    const reference = fitReference(referenceRows, spec);
    const age = report.body.columns.find((column) => column.column === 'age')!;
    const ageReference = reference.features['age']!;
    if (age.histogram.kind !== 'numeric' || ageReference.kind !== 'numeric')
      throw new Error('numeric age');
    expect(age.histogram.bins.map((bin) => [bin.lower, bin.upper])).toEqual(
      [null, ...ageReference.innerEdges].map((lower, index, lowers) => [
        lower,
        index + 1 < lowers.length ? lowers[index + 1] : null,
      ]),
    );
    expect(age.histogram.bins.map((bin) => bin.referenceShare)).toEqual(
      ageReference.binCounts.map((count) => count / ageReference.count),
    );
    expect(age.histogram.bins.reduce((sum, bin) => sum + bin.currentCount, 0)).toBe(600);

    const plan = report.body.columns.find((column) => column.column === 'plan')!;
    if (plan.histogram.kind !== 'categorical') throw new Error('categorical plan');
    expect(plan.histogram.categories.filter((category) => category.isNew)).toEqual([
      {
        category: hostile,
        referenceCount: 0,
        currentCount: 1,
        referenceShare: 0,
        currentShare: 1 / 600,
        isNew: true,
      },
    ]);
    expect(plan.verdict?.newCategories).toEqual([hostile]);
  });

  it('renders a self-contained HTML page with an SVG chart per column, escaping tenant strings', async () => {
    const page = await service.call<string>(
      tenant,
      'GET',
      `/v1/models/reported/windows/${windowIndex}/report.html`,
    );
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body.match(/<svg /g)).toHaveLength(4);
    expect(page.body).not.toContain(hostile);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
  });

  it('answers 404 for a window the model does not have and 403 without the read role', async () => {
    for (const path of [
      `/v1/models/reported/windows/${windowIndex + 1}/report`,
      `/v1/models/reported/windows/${windowIndex}/report.html?segment=region%3Deu`,
    ]) {
      expect(await service.call(tenant, 'GET', path)).toMatchObject({
        status: 404,
        type: expect.stringContaining('problem+json'),
      });
    }
    expect(
      await service.call(tenant, 'GET', `/v1/models/reported/windows/seven/report`),
    ).toMatchObject({ status: 400 });
    expect(
      await service.call(
        tenant,
        'GET',
        `/v1/models/reported/windows/${windowIndex}/report`,
        undefined,
        {
          roles: ['drift:write'],
        },
      ),
    ).toMatchObject({ status: 403 });
    expect(
      await service.call('globex', 'GET', `/v1/models/reported/windows/${windowIndex}/report`),
    ).toMatchObject({ status: 404 });
  });
});
