import { waitFor } from '@tenantry/testing';
import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

const hourMs = 3_600_000;
const tenant = 'acme';
const modelKey = 'fragile';
// Five hours ago, on the hour: windows that have ended, yet with a day of lateness none is due
// before the test says so (it sets due_at through the owner connection).
const firstHour = Math.floor(Date.now() / hourMs) * hourMs - 5 * hourMs;
const windowOf = (hour: number) => firstHour / hourMs + hour;

interface StoredWindow {
  window_index: string;
  verdict: { status: string; error?: string } | null;
  closed_at: Date | null;
  due_at: Date | null;
}

interface StatusAnswer {
  segments: Array<{
    segment: string;
    state: string;
    drifting: number;
    lastJudgedWindow: { windowIndex: number; status: string; error?: string } | null;
  }>;
}

describe('a window that cannot be judged', () => {
  let service: DriftTestApp;

  /** Sends an hour of rows (500, 7 s apart): clean, or shifted by one sigma (PSI drift). */
  async function sendHour(hour: number, shift: number): Promise<void> {
    const rows = sampleRows({
      count: 500,
      seed: 500 + hour,
      start: new Date(firstHour + hour * hourMs),
      spacingMs: 7000,
      shift,
    });
    const answer = await service.call(tenant, 'POST', `/v1/models/${modelKey}/samples`, { rows });
    expect(answer.status).toBe(202);
  }

  /** Removes a feature from a window's stored state: evaluation refuses it as invalid input. */
  async function dropFeature(hour: number, feature: string): Promise<void> {
    const { rowCount } = await service.owner.query(
      `UPDATE drift.windows SET state = state #- ARRAY['features', $3::text]
        WHERE model_key = $1 AND window_index = $2`,
      [modelKey, windowOf(hour), feature],
    );
    expect(rowCount).toBe(1);
  }

  /** Makes the windows of these hours due now, and waits until the closer has judged them. */
  async function closeHours(hours: number[]): Promise<Map<number, StoredWindow>> {
    const indexes = hours.map(windowOf);
    await service.owner.query(
      `UPDATE drift.windows SET due_at = now() WHERE model_key = $1 AND window_index = ANY($2)`,
      [modelKey, indexes],
    );
    return waitFor(
      async () => {
        const { rows } = await service.owner.query<StoredWindow>(
          `SELECT window_index, verdict, closed_at, due_at FROM drift.windows
            WHERE model_key = $1 AND window_index = ANY($2)`,
          [modelKey, indexes],
        );
        const judged = rows.filter((row) => row.closed_at !== null && row.due_at === null);
        return (
          judged.length === hours.length &&
          new Map(rows.map((row) => [Number(row.window_index) - firstHour / hourMs, row]))
        );
      },
      { what: `windows of hours ${hours.join(', ')} judged` },
    );
  }

  const transitionsOf = async () =>
    (
      await service.owner.query<{ window_index: string; kind: string }>(
        `SELECT window_index, kind FROM drift.transitions WHERE model_key = $1 ORDER BY kind`,
        [modelKey],
      )
    ).rows.map((row) => [Number(row.window_index), row.kind]);

  const errorsCounted = async () =>
    (await (await fetch(`${service.url}/metrics`)).text()).match(
      /^drift_windows_judged_total\{status="error",judgement="first"\} (\d+)$/m,
    )?.[1];

  beforeAll(async () => {
    service = await startDriftTestApp({ DRIFT_CLOSE_INTERVAL_MS: '100' });
    const model = fixtureModel({
      key: modelKey,
      segments: [],
      features: [
        { name: 'age', kind: 'numeric', statistic: 'psi' },
        { name: 'income', kind: 'numeric', statistic: 'psi' },
        { name: 'plan', kind: 'categorical', statistic: 'psi' },
      ],
      prediction: { name: 'churn', kind: 'categorical', statistic: 'psi' },
      window: { type: 'time', seconds: 3600, latenessSeconds: 24 * 3600 },
      policy: { detectAfter: 2, resolveAfter: 2 },
    });
    expect((await service.call(tenant, 'POST', '/v1/models', model)).status).toBe(201);
    const reference = { rows: sampleRows({ count: 5000, seed: 1 }) };
    expect(
      (await service.call(tenant, 'POST', `/v1/models/${modelKey}/references`, reference)).status,
    ).toBe(201);
  });

  afterAll(() => service?.close());

  it('is closed with the error as its verdict, and the windows after it are judged', async () => {
    await sendHour(0, 0);
    for (const hour of [1, 2, 3]) await sendHour(hour, 1);
    await dropFeature(1, 'age');

    const windows = await closeHours([0, 1, 2, 3]);

    expect([0, 1, 2, 3].map((hour) => windows.get(hour)!.verdict?.status)).toEqual([
      'no_drift',
      'error',
      'drift',
      'drift',
    ]);
    expect(windows.get(1)!.verdict).toEqual({
      status: 'error',
      error: 'the window has no column "age" of the model',
    });
    // The failed window neither counted towards the drift run nor broke it: h2 and h3 detect.
    expect(await transitionsOf()).toEqual([
      [windowOf(3), 'detected'],
      [windowOf(3), 'retrain-requested'],
    ]);
    expect(await errorsCounted()).toBe('1');
  });

  it('shows the failure in the history and the report', async () => {
    const history = await service.call<{
      data: Array<{ windowIndex: number; verdict: { status: string; error?: string } }>;
    }>(tenant, 'GET', `/v1/models/${modelKey}/windows`);
    expect(history.status).toBe(200);
    expect(history.body.data.map((window) => window.verdict.status)).toEqual([
      'drift',
      'drift',
      'error',
      'no_drift',
    ]);
    expect(history.body.data[2]).toMatchObject({
      windowIndex: windowOf(1),
      verdict: { status: 'error', error: 'the window has no column "age" of the model' },
    });

    const report = await service.call(
      tenant,
      'GET',
      `/v1/models/${modelKey}/windows/${windowOf(1)}/report`,
    );
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      windowIndex: windowOf(1),
      verdict: { status: 'error', error: 'the window has no column "age" of the model' },
      columns: [],
    });
    const page = await service.call<string>(
      tenant,
      'GET',
      `/v1/models/${modelKey}/windows/${windowOf(1)}/report.html`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      'none: the window could not be judged (the window has no column &quot;age&quot; of the model)',
    );
  });

  it('leaves the drift status as it was when the newest window fails, and shows why', async () => {
    await sendHour(4, 1);
    await dropFeature(4, 'income');

    const windows = await closeHours([4]);

    expect(windows.get(4)!.verdict).toEqual({
      status: 'error',
      error: 'the window has no column "income" of the model',
    });
    const status = await service.call<StatusAnswer>(tenant, 'GET', `/v1/models/${modelKey}/status`);
    expect(status.status).toBe(200);
    expect(status.body.segments).toHaveLength(1);
    expect(status.body.segments[0]).toMatchObject({
      segment: '',
      state: 'drifting',
      drifting: 2,
      lastJudgedWindow: {
        windowIndex: windowOf(4),
        status: 'error',
        error: 'the window has no column "income" of the model',
      },
    });
    expect(await transitionsOf()).toHaveLength(2);
    expect(await errorsCounted()).toBe('2');
  });
});
