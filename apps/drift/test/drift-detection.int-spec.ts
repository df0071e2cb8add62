import { randomUUID } from 'node:crypto';
import { compareCodeUnits } from '@tenantry/common';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import {
  driftDetected,
  driftRetrainRequested,
  fromKafkaMessage,
  type CloudEvent,
  type DriftRetrainRequestedData,
  type DriftStatusChangedData,
} from '@tenantry/schemas';
import { waitFor } from '@tenantry/testing';
import type { Consumer, Producer } from 'kafkajs';
import { fixtureModel, fixtureStart, sampleRows, samplesMessage } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

const hourMs = 3_600_000;
const tenant = 'acme';

// PSI on every column: its noise on 500 clean rows (about 0.02) is far below its threshold (0.2),
// and a one-sigma shift is far above, so which windows drift does not hang on a p-value's luck.
const psiModel = (key: string, segments: string[]) =>
  fixtureModel({
    key,
    segments,
    features: [
      { name: 'age', kind: 'numeric', statistic: 'psi' },
      { name: 'income', kind: 'numeric', statistic: 'psi' },
      { name: 'plan', kind: 'categorical', statistic: 'psi' },
    ],
    prediction: { name: 'churn', kind: 'categorical', statistic: 'psi' },
    policy: { detectAfter: 2, resolveAfter: 2 },
  });

/** The hourly window `hour` hours after the fixture start: its index, start and end. */
function hourWindow(hour: number, first = fixtureStart) {
  const start = new Date(first.getTime() + hour * hourMs);
  return {
    index: start.getTime() / hourMs,
    start: start.toISOString(),
    end: new Date(start.getTime() + hourMs).toISOString(),
  };
}

// One window per batch: 500 rows 7 s apart fill an hour, 50 rows are too few (minSampleSize 100).
const episode: Array<{ hour: number; rows: number; shift: number }> = [
  { hour: 0, rows: 500, shift: 0 },
  { hour: 1, rows: 500, shift: 0 },
  { hour: 2, rows: 500, shift: 1 },
  { hour: 3, rows: 50, shift: 1 },
  { hour: 4, rows: 500, shift: 1 },
  { hour: 5, rows: 500, shift: 0 },
  { hour: 6, rows: 500, shift: 0 },
  { hour: 7, rows: 500, shift: 1 },
  { hour: 8, rows: 500, shift: 1 },
];
const regionsStart = new Date(fixtureStart.getTime() + 24 * hourMs);

/** The window index in an event id <type>/<tenant>/<model>[/<segment>]/<index>. */
function windowOf(event: CloudEvent): number {
  return Number(event.id.split('/').at(-1));
}

describe('samples on Kafka → drift events on Kafka', () => {
  let service: DriftTestApp;
  let producer: Producer;
  let reader: Consumer;
  const received: CloudEvent[] = [];

  beforeAll(async () => {
    service = await startDriftTestApp({ DRIFT_CLOSE_INTERVAL_MS: '100' });
    const reference = sampleRows({ count: 5000, seed: 1 });
    for (const model of [psiModel('churn', []), psiModel('churn-regions', ['region'])]) {
      expect((await service.call(tenant, 'POST', '/v1/models', model)).status).toBe(201);
      expect(
        (
          await service.call(tenant, 'POST', `/v1/models/${model.key}/references`, {
            rows: reference,
          })
        ).status,
      ).toBe(201);
    }
    const kafka = createKafka({
      brokers: service.config.KAFKA_BROKERS,
      clientId: 'detection-test',
    });
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    reader = kafka.consumer({ groupId: `detection-test-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({
      topics: [driftDetected.topic, driftRetrainRequested.topic].map(
        (topic) => `${prefix}${topic}`,
      ),
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ message }) => void received.push(fromKafkaMessage(message)),
    });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
    const topic = `${prefix}drift.samples.v1`;

    for (const { hour, rows, shift } of episode) {
      const batch = sampleRows({
        count: rows,
        seed: 100 + hour,
        start: new Date(hourWindow(hour).start),
        spacingMs: 7000,
        shift,
      });
      await producer.send({
        topic,
        messages: [samplesMessage(tenant, 'churn', `churn-${hour}`, batch)],
      });
    }
    // region=eu shifted, region=us clean, in the same batches.
    for (const hour of [0, 1]) {
      const start = new Date(hourWindow(hour, regionsStart).start);
      const batch = [
        ...sampleRows({
          count: 300,
          seed: 200 + hour,
          start,
          spacingMs: 10_000,
          shift: 1,
          region: 'eu',
        }),
        ...sampleRows({ count: 300, seed: 300 + hour, start, spacingMs: 10_000, region: 'us' }),
      ];
      await producer.send({
        topic,
        messages: [samplesMessage(tenant, 'churn-regions', `regions-${hour}`, batch)],
      });
    }

    // Every window judged (9 of churn, 2 × 3 segments of churn-regions), then every event it
    // recorded seen on Kafka: the history and the topics must tell the same story.
    await waitFor(
      async () => {
        const { rows } = await service.owner.query(
          `SELECT count(*) FILTER (WHERE closed_at IS NOT NULL AND due_at IS NULL) AS judged
             FROM drift.windows`,
        );
        return Number(rows[0].judged) === 15;
      },
      { what: 'every window judged' },
    );
    const { rows } = await service.owner.query(`SELECT count(*) AS events FROM drift.transitions`);
    await waitFor(() => received.length >= Number(rows[0].events), {
      what: `${rows[0].events} drift events on Kafka`,
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.disconnect();
    await service?.close();
  });

  // Two topics keep no order between them: by window, then by id.
  const eventsOf = (modelKey: string, segment = '') =>
    received
      .filter(
        (event) =>
          (event.data as DriftStatusChangedData).modelKey === modelKey &&
          (event.data as DriftStatusChangedData).segment === segment,
      )
      .sort((a, b) => windowOf(a) - windowOf(b) || compareCodeUnits(a.id, b.id));

  it('detects after two drifting windows, resolves after two clean ones, and detects again', () => {
    expect(eventsOf('churn').map((event) => [event.type, event.id])).toEqual([
      ['drift.detected', `drift.detected/${tenant}/churn/${hourWindow(4).index}`],
      ['drift.retrain-requested', `drift.retrain-requested/${tenant}/churn/${hourWindow(4).index}`],
      ['drift.resolved', `drift.resolved/${tenant}/churn/${hourWindow(6).index}`],
      ['drift.detected', `drift.detected/${tenant}/churn/${hourWindow(8).index}`],
    ]);
  });

  it('says which window tipped it, against which reference, how badly and in which columns', () => {
    const [detected] = eventsOf('churn');
    const data = detected!.data as DriftStatusChangedData;
    expect(data).toMatchObject({
      tenantId: tenant,
      segment: '',
      windowStart: hourWindow(4).start,
      windowEnd: hourWindow(4).end,
      referenceVersion: 1,
      severity: 'critical',
      datasetDrift: true,
      driftedShare: 1,
      predictionDrift: true,
      performanceDrift: false,
      driftingSince: hourWindow(4).end,
    });
    expect(data.topFeatures.map((column) => column.column).sort()).toEqual([
      'age',
      'churn',
      'income',
      'plan',
    ]);
    for (const column of data.topFeatures) {
      expect(column).toMatchObject({ statistic: 'psi', threshold: 0.2 });
      expect(column.value).toBeGreaterThanOrEqual(0.2);
    }
    const effects = data.topFeatures.map((column) => column.effect);
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
  });

  it('requests one retrain: a second drift within the cooldown asks for none', () => {
    const requests = eventsOf('churn').filter((event) => event.type === driftRetrainRequested.type);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.data).toMatchObject({
      windowEnd: hourWindow(4).end,
      severity: 'critical',
      cooldownUntil: new Date(Date.parse(hourWindow(4).end) + 24 * hourMs).toISOString(),
    } satisfies Partial<DriftRetrainRequestedData>);
  });

  it('dates a resolution back to the drift it ends', () => {
    const resolved = eventsOf('churn').find((event) => event.type === 'drift.resolved');
    expect(resolved!.data).toMatchObject({
      windowEnd: hourWindow(6).end,
      severity: null,
      driftingSince: hourWindow(4).end,
    });
  });

  it('judges a window with too few rows insufficient_data, which neither breaks nor extends a drift run', async () => {
    const history = await service.call<{
      data: Array<{ windowIndex: number; rows: number; verdict: { status: string } }>;
    }>(tenant, 'GET', '/v1/models/churn/windows');
    expect(history.status).toBe(200);
    expect(history.body.data.map((window) => window.windowIndex)).toEqual(
      [...episode].reverse().map(({ hour }) => hourWindow(hour).index),
    );
    const small = history.body.data.find((window) => window.windowIndex === hourWindow(3).index);
    expect(small).toMatchObject({ rows: 50, verdict: { status: 'insufficient_data' } });
    // The run h2, h3, h4 detected at h4: h3 neither reset the drifting count nor added to it.
  });

  it('gives a segment its own events: region=eu drifts alone', () => {
    expect(eventsOf('churn-regions', 'region=eu').map((event) => [event.type, event.id])).toEqual([
      [
        'drift.detected',
        `drift.detected/${tenant}/churn-regions/region=eu/${hourWindow(1, regionsStart).index}`,
      ],
      [
        'drift.retrain-requested',
        `drift.retrain-requested/${tenant}/churn-regions/region=eu/${hourWindow(1, regionsStart).index}`,
      ],
    ]);
    expect(eventsOf('churn-regions', 'region=us')).toEqual([]);
  });

  it('reports the status per segment and the event history, newest first', async () => {
    const status = await service.call<{ segments: Array<Record<string, unknown>> }>(
      tenant,
      'GET',
      '/v1/models/churn/status',
    );
    expect(status.body.segments).toEqual([
      expect.objectContaining({
        segment: '',
        state: 'drifting',
        since: hourWindow(8).end,
        lastRetrainRequestedAt: hourWindow(4).end,
        openWindows: [],
        lastJudgedWindow: expect.objectContaining({
          windowIndex: hourWindow(8).index,
          status: 'drift',
          severity: 'critical',
          features: expect.arrayContaining([
            expect.objectContaining({
              feature: 'age',
              statistic: 'psi',
              threshold: 0.2,
              status: 'drift',
            }),
          ]),
        }),
      }),
    ]);
    const regions = await service.call<{ segments: Array<{ segment: string; state: string }> }>(
      tenant,
      'GET',
      '/v1/models/churn-regions/status?segment=region%3Dus',
    );
    expect(regions.body.segments).toEqual([
      expect.objectContaining({ segment: 'region=us', state: 'ok' }),
    ]);

    const firstPage = await service.call<{
      data: Array<{ eventId: string }>;
      nextCursor: string;
    }>(tenant, 'GET', '/v1/models/churn/events?limit=3');
    const secondPage = await service.call<{ data: Array<{ eventId: string }>; nextCursor: null }>(
      tenant,
      'GET',
      `/v1/models/churn/events?limit=3&cursor=${firstPage.body.nextCursor}`,
    );
    expect(secondPage.body.nextCursor).toBeNull();
    expect([...firstPage.body.data, ...secondPage.body.data].map((event) => event.eventId)).toEqual(
      [
        `drift.detected/${tenant}/churn/${hourWindow(8).index}`,
        `drift.resolved/${tenant}/churn/${hourWindow(6).index}`,
        `drift.retrain-requested/${tenant}/churn/${hourWindow(4).index}`,
        `drift.detected/${tenant}/churn/${hourWindow(4).index}`,
      ],
    );
  });

  it('counts judged windows, emitted events and detection latency in the metrics', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^drift_windows_judged_total\{status="insufficient_data",judgement="first"\} 1$/m,
    );
    const { rows: kinds } = await service.owner.query(
      `SELECT kind, count(*)::int AS count FROM drift.transitions GROUP BY kind ORDER BY kind`,
    );
    expect(kinds.map((row) => row.kind)).toEqual(['detected', 'resolved', 'retrain-requested']);
    for (const { kind, count } of kinds) {
      expect(metrics).toContain(`drift_events_emitted_total{kind="${kind}"} ${count}\n`);
    }
    expect(metrics).toMatch(/^drift_detection_latency_seconds_count 15$/m);
  });

  it('revises the verdict of a closed window that receives late rows, without events or status change', async () => {
    const statusBefore = await service.owner.query(
      `SELECT model_key, segment, status, last_window FROM drift.statuses ORDER BY model_key, segment`,
    );
    const eventsBefore = await service.owner.query(
      `SELECT event_id FROM drift.transitions ORDER BY event_id`,
    );
    const late = sampleRows({
      count: 300,
      seed: 900,
      start: new Date(hourWindow(2).start),
      spacingMs: 11_000,
    });
    expect(
      (await service.call(tenant, 'POST', '/v1/models/churn/samples', { rows: late })).status,
    ).toBe(202);
    const revised = await waitFor(
      async () => {
        const { rows } = await service.owner.query(
          `SELECT verdict, revised_at, due_at FROM drift.windows
            WHERE model_key = 'churn' AND window_index = $1`,
          [hourWindow(2).index],
        );
        return rows[0].revised_at !== null && rows[0].due_at === null && rows[0];
      },
      { what: 'the late rows judged' },
    );
    expect(
      revised.verdict.features.map((column: { currentCount: number }) => column.currentCount),
    ).toEqual([800, 800, 800]);
    expect(
      await service.owner.query(
        `SELECT model_key, segment, status, last_window FROM drift.statuses ORDER BY model_key, segment`,
      ),
    ).toMatchObject({
      rows: statusBefore.rows,
    });
    expect(
      await service.owner.query(`SELECT event_id FROM drift.transitions ORDER BY event_id`),
    ).toMatchObject({
      rows: eventsBefore.rows,
    });
  });

  it('answers 404 for an unknown model and 400 for a bad page', async () => {
    for (const path of ['status', 'windows', 'events', 'windows/1/report']) {
      expect(await service.call(tenant, 'GET', `/v1/models/nope/${path}`)).toMatchObject({
        status: 404,
        type: expect.stringContaining('problem+json'),
      });
    }
    const badQueries = [
      'windows?limit=0',
      'windows?limit=x',
      'windows?cursor=garbage',
      'windows?from=yesterday',
      'events?limit=1001',
      'events?cursor=garbage',
      'status?segmnt=region%3Deu',
      'windows/1/report?segment=region%3Deu&extra=1',
    ];
    for (const query of badQueries) {
      expect([query, await service.call(tenant, 'GET', `/v1/models/churn/${query}`)]).toMatchObject(
        [query, { status: 400, type: expect.stringContaining('problem+json') }],
      );
    }
  });
});
