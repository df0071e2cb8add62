import path from 'node:path';
import { windowStateChecksum, type WindowState, type WindowVerdict } from '@tenantry/drift-core';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { driftSamples } from '@tenantry/schemas';
import {
  freePort,
  startTsProcess,
  waitFor,
  type TestDatabase,
  type TsProcess,
} from '@tenantry/testing';
import { Client } from 'pg';
import { fixtureModel, sampleRows, samplesMessage } from './drift-fixtures';
import {
  authorization,
  prepareDriftEnvironment,
  startDriftTestApp,
  type DriftTestApp,
} from './drift-test-app';

const tenant = 'acme';
const windowRows = 2000;
const model = fixtureModel({ key: 'restarted', window: { type: 'count', rows: windowRows } });
const reference = sampleRows({ count: 3000, seed: 60 });
// One count window in 20 batches of 100 rows, drifting halfway through.
const batches = Array.from({ length: 20 }, (_, index) =>
  samplesMessage(
    tenant,
    'restarted',
    `restarted-${index}`,
    sampleRows({ count: 100, seed: 600 + index, shift: index < 10 ? 0 : 0.6 }),
  ),
);

interface JudgedWindow {
  state: WindowState;
  verdict: WindowVerdict;
}

/** The model's first count window once judged, for both the whole model and its segments. */
async function judgedWindows(owner: Client): Promise<Map<string, JudgedWindow>> {
  const rows = await waitFor(
    async () => {
      const { rows } = await owner.query(
        `SELECT segment, state, verdict FROM drift.windows
          WHERE model_key = 'restarted' AND window_index = 0 ORDER BY segment`,
      );
      return rows.length === 3 && rows.every((row) => row.verdict !== null) && rows;
    },
    { timeoutMs: 180_000, what: 'the window judged' },
  );
  return new Map(
    rows.map((row) => [row.segment as string, { state: row.state, verdict: row.verdict }]),
  );
}

describe('the consumer killed mid-window', () => {
  let database: TestDatabase;
  let owner: Client;
  let service: TsProcess | undefined;
  let uninterrupted: DriftTestApp;

  jest.setTimeout(600_000);

  afterAll(async () => {
    await service?.stop();
    await owner?.end();
    await database?.drop();
    await uninterrupted?.close();
  });

  it('gives the same window state and verdict as an uninterrupted run', async () => {
    // One batch per transaction, so that the kill falls between folds.
    const environment = await prepareDriftEnvironment({ DRIFT_CONSUMER_BATCH: '1' });
    database = environment.database;
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const main = path.join(__dirname, '../src/main.ts');
    const port = await freePort();
    const env = { ...environment.env, PORT: String(port) };
    const api = async (method: string, route: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}${route}`, {
        method,
        headers: await authorization(tenant),
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
    };

    service = startTsProcess(main, env);
    await service.printed('ready', 180_000);
    await api('POST', '/v1/models', model);
    await api('POST', '/v1/models/restarted/references', { rows: reference });
    const kafka = createKafka({
      brokers: environment.config.KAFKA_BROKERS,
      clientId: 'restart-test',
    });
    const producer = kafka.producer(idempotentProducer);
    await producer.connect();
    const topic = `${environment.config.KAFKA_TOPIC_PREFIX}${driftSamples.topic}`;
    await producer.send({ topic, messages: batches.slice(0, 10) });
    await waitFor(
      async () => {
        const { rows } = await owner.query(
          `SELECT (state->>'rows')::int AS rows FROM drift.windows
            WHERE model_key = 'restarted' AND segment = '' AND window_index = 0`,
        );
        return (rows[0]?.rows ?? 0) >= 300;
      },
      { intervalMs: 20, timeoutMs: 180_000, what: 'part of the window folded' },
    );
    await service.kill();

    await producer.send({ topic, messages: batches.slice(10) });
    service = startTsProcess(main, env);
    await service.printed('ready', 180_000);
    const restarted = await judgedWindows(owner);
    await producer.disconnect();

    uninterrupted = await startDriftTestApp();
    expect((await uninterrupted.call(tenant, 'POST', '/v1/models', model)).status).toBe(201);
    expect(
      (
        await uninterrupted.call(tenant, 'POST', '/v1/models/restarted/references', {
          rows: reference,
        })
      ).status,
    ).toBe(201);
    const other = kafka.producer(idempotentProducer);
    await other.connect();
    await other.send({
      topic: `${uninterrupted.config.KAFKA_TOPIC_PREFIX}${driftSamples.topic}`,
      messages: batches,
    });
    await other.disconnect();
    const expected = await judgedWindows(uninterrupted.owner);

    expect([...restarted.keys()]).toEqual(['', 'region=eu', 'region=us']);
    for (const [segment, window] of expected) {
      const after = restarted.get(segment)!;
      expect([segment, after.state.rows]).toEqual([segment, window.state.rows]);
      expect([segment, windowStateChecksum(after.state)]).toEqual([
        segment,
        windowStateChecksum(window.state),
      ]);
      expect([segment, after.verdict]).toEqual([segment, window.verdict]);
    }
    expect(expected.get('')!.verdict.status).toBe('drift');
  });
});
