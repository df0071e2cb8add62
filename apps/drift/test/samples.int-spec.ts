import { randomUUID } from 'node:crypto';
import type { SampleRow, WindowState } from '@tenantry/drift-core';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import {
  deadLetterHeaders,
  deadLetterTopic,
  driftSamples,
  fromKafkaMessage,
  replayHeader,
  usageRecorded,
  type CloudEvent,
} from '@tenantry/schemas';
import { waitFor, waitForConsumerToCatchUp } from '@tenantry/testing';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { fixtureModel, fixtureStart, sampleRows, samplesMessage } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

interface StoredWindowRow {
  segment: string;
  window_index: string;
  window_start: Date;
  window_end: Date;
  due_at: Date | null;
  closed_at: Date | null;
  revised_at: Date | null;
  reference_version: number;
  state: WindowState;
}

interface Problem {
  type: string;
  errors?: Array<{ row: number; problems: string[] }>;
}

const hourMs = 3_600_000;

describe('samples over HTTP and Kafka', () => {
  let service: DriftTestApp;
  let kafka: Kafka;
  let producer: Producer;
  let observer: Consumer;
  const usage: CloudEvent[] = [];
  const deadLetters: KafkaMessage[] = [];
  const reference = sampleRows({ count: 500, seed: 20 });
  const good1 = sampleRows({ count: 200, seed: 27, spacingMs: 30_000 });
  const good2 = sampleRows({
    count: 150,
    seed: 28,
    spacingMs: 30_000,
    start: new Date(fixtureStart.getTime() + 2 * hourMs),
  });

  beforeAll(async () => {
    service = await startDriftTestApp();
    for (const model of [
      fixtureModel(),
      fixtureModel({ key: 'counted', window: { type: 'count', rows: 100 } }),
      fixtureModel({ key: 'streamed' }),
      fixtureModel({ key: 'unreferenced' }),
    ]) {
      expect((await service.call('acme', 'POST', '/v1/models', model)).status).toBe(201);
      if (model.key !== 'unreferenced') {
        const uploaded = await service.call(
          'acme',
          'POST',
          `/v1/models/${model.key}/references`,
          reference,
        );
        expect(uploaded.status).toBe(201);
      }
    }
    kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'samples-test' });
    producer = kafka.producer(idempotentProducer);
    await producer.connect();
    const prefix = service.config.KAFKA_TOPIC_PREFIX;
    observer = kafka.consumer({ groupId: `samples-test-${randomUUID()}` });
    await observer.connect();
    await observer.subscribe({
      topics: [
        `${prefix}${usageRecorded.topic}`,
        `${prefix}${deadLetterTopic(driftSamples.topic)}`,
      ],
      fromBeginning: true,
    });
    await observer.run({
      eachMessage: async ({ topic, message }) => {
        if (topic.endsWith('.dlq')) deadLetters.push(message);
        else usage.push(fromKafkaMessage(message));
      },
    });
  });

  afterAll(async () => {
    await observer?.disconnect();
    await producer?.disconnect();
    await service?.close();
  });

  const windowsOf = async (modelKey: string): Promise<StoredWindowRow[]> =>
    (
      await service.owner.query(
        `SELECT * FROM drift.windows WHERE tenant_id = 'acme' AND model_key = $1
          ORDER BY window_index, segment`,
        [modelKey],
      )
    ).rows;
  const countOf = async (table: string, modelKey: string): Promise<number> =>
    (
      await service.owner.query(
        `SELECT count(*)::int AS n FROM drift.${table} WHERE tenant_id = 'acme' AND model_key = $1`,
        [modelKey],
      )
    ).rows[0].n;
  const rowsBy = (windows: StoredWindowRow[]) =>
    Object.fromEntries(
      windows.map((window) => [`${window.window_index}/${window.segment}`, window.state.rows]),
    );
  /** What each window must count: rows by hour (or by sequence block), whole model and per region. */
  const expectedRows = (
    rows: SampleRow[],
    indexOf: (row: SampleRow, position: number) => number,
  ) => {
    const counts: Record<string, number> = {};
    rows.forEach((row, position) => {
      const index = indexOf(row, position);
      for (const segment of ['', `region=${String(row.features.region)}`]) {
        counts[`${index}/${segment}`] = (counts[`${index}/${segment}`] ?? 0) + 1;
      }
    });
    return counts;
  };
  const rowsAndStates = (windows: StoredWindowRow[]) =>
    windows.map(({ segment, window_index, state }) => [segment, window_index, state]);
  const hourOf = (row: SampleRow) => Math.floor(Date.parse(row.timestamp) / hourMs);

  it('folds an HTTP batch into its time windows per segment and counts a repeated batch once', async () => {
    const rows = sampleRows({ count: 300, seed: 21, spacingMs: 20_000 });
    const first = await service.call('acme', 'POST', '/v1/models/churn/samples', {
      batchId: 'b-1',
      rows,
    });
    expect(first).toMatchObject({
      status: 202,
      body: { batchId: 'b-1', accepted: 300, status: 'accepted' },
    });
    const windows = await windowsOf('churn');
    expect(rowsBy(windows)).toEqual(expectedRows(rows, hourOf));
    const hour = Math.floor(fixtureStart.getTime() / hourMs);
    const whole = windows.find(
      (window) => window.segment === '' && Number(window.window_index) === hour,
    )!;
    expect(whole).toMatchObject({
      window_start: fixtureStart,
      window_end: new Date(fixtureStart.getTime() + hourMs),
      reference_version: 1,
    });

    const again = await service.call('acme', 'POST', '/v1/models/churn/samples', {
      batchId: 'b-1',
      rows,
    });
    expect(again).toMatchObject({
      status: 202,
      body: { batchId: 'b-1', accepted: 300, status: 'duplicate' },
    });
    expect((await windowsOf('churn')).map((window) => window.state)).toEqual(
      windows.map((window) => window.state),
    );
    expect(await countOf('sample_batches', 'churn')).toBe(1);
    const [{ next_sequence }] = (
      await service.owner.query(`SELECT next_sequence FROM drift.models WHERE model_key = 'churn'`)
    ).rows;
    expect(Number(next_sequence)).toBe(300);
  });

  it('answers 404 for an unknown model and 422 for unusable rows, storing nothing', async () => {
    const rows = sampleRows({ count: 20, seed: 22 });
    const unknown = await service.call<Problem>('acme', 'POST', '/v1/models/ghost/samples', {
      rows,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/model-not-found$/);

    const before = await windowsOf('churn');
    const bad = rows.map((row, index) =>
      index === 3
        ? { ...row, features: { ...row.features, age: 'abc' } }
        : index === 9
          ? { ...row, timestamp: 'yesterday' }
          : row,
    );
    const refused = await service.call<Problem>('acme', 'POST', '/v1/models/churn/samples', {
      batchId: 'b-bad',
      rows: bad,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/invalid-sample-rows$/);
    expect(refused.body.errors!.map((error) => error.row)).toEqual([3, 9]);
    expect(refused.body.errors![0]!.problems.join()).toContain('features.age');
    expect(refused.body.errors![1]!.problems.join()).toContain('timestamp');
    expect(await countOf('sample_batches', 'churn')).toBe(1);
    // The closer may judge these windows meanwhile; the states are what ingestion owns.
    expect(rowsAndStates(await windowsOf('churn'))).toEqual(rowsAndStates(before));

    const empty = await service.call('acme', 'POST', '/v1/models/churn/samples', { rows: [] });
    expect(empty.status).toBe(422);
    const tooMany = await service.call('acme', 'POST', '/v1/models/churn/samples', {
      rows: sampleRows({ count: 5001, seed: 23 }),
    });
    expect(tooMany.status).toBe(422);
  });

  it('stores the batches of a model without a reference but tracks no windows for it', async () => {
    const answer = await service.call('acme', 'POST', '/v1/models/unreferenced/samples', {
      rows: sampleRows({ count: 50, seed: 24 }),
    });
    expect(answer.status).toBe(202);
    expect(await countOf('sample_batches', 'unreferenced')).toBe(1);
    expect(await countOf('windows', 'unreferenced')).toBe(0);
  });

  it('makes count windows due once the sequence has passed them, segment windows included', async () => {
    const rows = sampleRows({ count: 250, seed: 25 });
    for (const part of [rows.slice(0, 130), rows.slice(130)]) {
      expect(
        (await service.call('acme', 'POST', '/v1/models/counted/samples', { rows: part })).status,
      ).toBe(202);
    }
    const windows = await windowsOf('counted');
    expect(rowsBy(windows)).toEqual(
      expectedRows(rows, (_, position) => Math.floor(position / 100)),
    );
    for (const window of windows) {
      const complete = Number(window.window_index) < 2;
      expect([
        window.segment,
        window.window_index,
        window.due_at !== null || window.closed_at !== null,
      ]).toEqual([window.segment, window.window_index, complete]);
    }
    const first = windows.find((window) => window.segment === '' && window.window_index === '0')!;
    expect([first.window_start, first.window_end]).toEqual([
      new Date(rows[0]!.timestamp),
      new Date(rows[99]!.timestamp),
    ]);
  });

  it('merges late rows into a closed window and marks it revised for the closer', async () => {
    const hour = Math.floor(fixtureStart.getTime() / hourMs);
    const closed = await waitFor(
      async () =>
        (await windowsOf('churn')).find(
          (window) =>
            window.segment === '' && Number(window.window_index) === hour && window.closed_at,
        ),
      { what: 'the closer to close the first hour of model churn' },
    );
    const late = sampleRows({
      count: 30,
      seed: 26,
      start: new Date(fixtureStart.getTime() + 60_000),
    });
    expect(
      (await service.call('acme', 'POST', '/v1/models/churn/samples', { rows: late })).status,
    ).toBe(202);
    const revised = (await windowsOf('churn')).find(
      (window) => window.segment === '' && Number(window.window_index) === hour,
    )!;
    expect(revised.state.rows).toBe(closed.state.rows + 30);
    expect(revised.revised_at).not.toBeNull();
    expect(revised.closed_at).not.toBeNull();
  });

  it('gives the first maxSegmentValues values of a segment field windows of their own, later ones region=__other__, and rebuilds them alike', async () => {
    const created = await service.call<{ spec: { maxSegmentValues: number } }>(
      'acme',
      'POST',
      '/v1/models',
      fixtureModel({ key: 'capped', maxSegmentValues: 2 }),
    );
    expect(created.status).toBe(201);
    expect(created.body.spec.maxSegmentValues).toBe(2);
    expect(
      (await service.call('acme', 'POST', '/v1/models/capped/references', reference)).status,
    ).toBe(201);
    const regions = ['eu', 'us', 'apac'];
    const first = sampleRows({ count: 90, seed: 31, spacingMs: 40_000 }).map((row, index) => ({
      ...row,
      features: { ...row.features, region: regions[index % 3]! },
    }));
    // A later batch: the stored admission holds, so a value new to it is not admitted either.
    const second = sampleRows({ count: 20, seed: 32, spacingMs: 40_000 }).map((row, index) => ({
      ...row,
      features: { ...row.features, region: index % 2 === 0 ? 'latam' : 'us' },
    }));
    for (const rows of [first, second]) {
      expect(
        (await service.call('acme', 'POST', '/v1/models/capped/samples', { rows })).status,
      ).toBe(202);
    }

    const admitted = [...first, ...second].map((row) => ({
      ...row,
      features: {
        ...row.features,
        region: ['eu', 'us'].includes(row.features.region as string)
          ? row.features.region!
          : '__other__',
      },
    }));
    const windows = await windowsOf('capped');
    expect(rowsBy(windows)).toEqual(expectedRows(admitted, hourOf));
    expect(new Set(windows.map((window) => window.segment))).toEqual(
      new Set(['', 'region=eu', 'region=us', 'region=__other__']),
    );
    const model = await service.call<{ segmentValues: unknown }>(
      'acme',
      'GET',
      '/v1/models/capped',
    );
    expect(model.body.segmentValues).toEqual({ region: ['eu', 'us'] });
    const status = await service.call<{ segments: Array<{ segment: string }> }>(
      'acme',
      'GET',
      '/v1/models/capped/status',
    );
    expect(status.body.segments.map((segment) => segment.segment)).toContain('region=__other__');

    const live = await service.call<{ windows: number; checksum: string }>(
      'acme',
      'GET',
      '/v1/models/capped/windows/checksum',
    );
    const rebuilt = await service.call('acme', 'POST', '/v1/models/capped/windows/rebuild');
    expect(rebuilt).toMatchObject({ status: 200, body: { ...live.body, changed: 0 } });
  });

  it('applies Kafka batches, dead-letters an unknown model and bad rows with the reason, and goes on', async () => {
    const topic = `${service.config.KAFKA_TOPIC_PREFIX}${driftSamples.topic}`;
    const badRows = sampleRows({ count: 40, seed: 29 }).map((row, index) =>
      index === 5 ? { ...row, features: { ...row.features, age: 'NaN' } } : row,
    );
    const noOffset = samplesMessage(
      'acme',
      'streamed',
      'k-no-offset',
      sampleRows({ count: 5, seed: 30 }),
    );
    noOffset.value = Buffer.from(
      JSON.stringify({
        modelKey: 'streamed',
        rows: [{ timestamp: '2026-01-05 10:00', features: {} }],
      }),
    );
    await producer.send({
      topic,
      messages: [
        samplesMessage('acme', 'streamed', 'k-1', good1),
        samplesMessage('acme', 'ghost', 'k-ghost', good1),
        samplesMessage('acme', 'streamed', 'k-bad', badRows),
        noOffset,
        samplesMessage('acme', 'streamed', 'k-2', good2),
        samplesMessage('acme', 'streamed', 'k-1', good1),
      ],
    });
    await waitForConsumerToCatchUp(
      kafka,
      `${service.config.KAFKA_TOPIC_PREFIX}drift-samples`,
      topic,
    );

    expect(rowsBy(await windowsOf('streamed'))).toEqual(expectedRows([...good1, ...good2], hourOf));
    expect(await countOf('sample_batches', 'streamed')).toBe(2);

    await waitFor(() => deadLetters.length >= 3, { what: 'three dead letters' });
    const reasons = Object.fromEntries(
      deadLetters.map((message) => [
        fromKafkaMessage(message).id,
        message.headers![deadLetterHeaders.reason]!.toString(),
      ]),
    );
    expect(Object.keys(reasons).sort()).toEqual(['k-bad', 'k-ghost', 'k-no-offset']);
    expect(reasons['k-ghost']).toMatch(/unknown_model.*ghost/);
    expect(reasons['k-bad']).toMatch(/invalid_rows.*row 5.*features\.age/);
    expect(reasons['k-no-offset']).toMatch(/timestamp/);
  });

  it('meters each accepted batch exactly once on metering.usage.v1, also when Kafka redelivers it', async () => {
    const topic = `${service.config.KAFKA_TOPIC_PREFIX}${driftSamples.topic}`;
    const replayed = [
      ['k-1', good1],
      ['k-2', good2],
    ].map(([batchId, rows], index) => {
      const message = samplesMessage('acme', 'streamed', batchId as string, rows as SampleRow[]);
      message.headers[replayHeader] = `${topic}/0/${index}`;
      return message;
    });
    await producer.send({ topic, messages: replayed });
    await waitForConsumerToCatchUp(
      kafka,
      `${service.config.KAFKA_TOPIC_PREFIX}drift-samples`,
      topic,
    );
    expect(await countOf('sample_batches', 'streamed')).toBe(2);

    const usageTopic = `${service.config.KAFKA_TOPIC_PREFIX}${usageRecorded.topic}`;
    await waitFor(
      async () =>
        Number(
          (await service.owner.query(`SELECT count(*) FROM messaging.outbox`)).rows[0].count,
        ) === 0,
      { what: 'the outbox to drain' },
    );
    const published = await messagesIn(kafka, usageTopic);
    await waitFor(() => usage.length === published, { what: 'every usage event to be read' });

    const storedBatches = (
      await service.owner.query(
        `SELECT tenant_id, model_key, batch_id, row_count FROM drift.sample_batches`,
      )
    ).rows as Array<{ tenant_id: string; model_key: string; batch_id: string; row_count: number }>;
    expect(usage.map((event) => event.id).sort()).toEqual(
      storedBatches
        .map((batch) => `samples.ingested/${batch.tenant_id}/${batch.model_key}/${batch.batch_id}`)
        .sort(),
    );
    const k1 = usage.find((event) => event.id === 'samples.ingested/acme/streamed/k-1')!;
    expect(k1).toMatchObject({
      type: 'samples.ingested',
      source: '/tenantry/drift',
      tenantid: 'acme',
      // Three features and the prediction per row; labels are not monitored without performance.
      data: { modelKey: 'streamed', rows: 200, values: 800 },
    });
  });
});

async function messagesIn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}
