import { windowStateChecksum, type SampleRow, type WindowState } from '@tenantry/drift-core';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { driftSamples, replayHeader } from '@tenantry/schemas';
import { waitForConsumerToCatchUp } from '@tenantry/testing';
import { seededRandom } from '@tenantry/drift-core/scenarios';
import { fixtureModel, sampleRows, samplesMessage } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

type Message = ReturnType<typeof samplesMessage>;

const models = [
  fixtureModel({ key: 'timed' }),
  fixtureModel({ key: 'counted', window: { type: 'count', rows: 250 } }),
];
const batchesPerModel = 60;
const rowsPerBatch = 50;

/**
 * The stream: for each model 3,000 rows over five hours in 60 batches, the rows shuffled so that
 * batches straddle windows; interleaved across models, with a repeated batch now and then and
 * one batch of unusable rows.
 */
function sampleStream(): Message[] {
  const random = seededRandom(7);
  const messages: Message[] = [];
  const rowsOf = models.map((_, index) => {
    const rows = sampleRows({
      count: batchesPerModel * rowsPerBatch,
      seed: 100 + index,
      spacingMs: 6000,
    });
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    return rows;
  });
  for (let batch = 0; batch < batchesPerModel; batch++) {
    models.forEach((model, index) => {
      const rows = rowsOf[index]!.slice(batch * rowsPerBatch, (batch + 1) * rowsPerBatch);
      messages.push(samplesMessage('acme', model.key as string, `${model.key}-${batch}`, rows));
      if (batch % 10 === 9) messages.push(messages[messages.length - 10]!);
    });
  }
  const unusable = sampleRows({ count: 10, seed: 99 }).map((row): SampleRow => ({
    ...row,
    features: { ...row.features, income: 'Infinity' },
  }));
  messages.splice(30, 0, samplesMessage('acme', 'timed', 'timed-unusable', unusable));
  return messages;
}

async function registerModels(service: DriftTestApp): Promise<void> {
  const reference = sampleRows({ count: 1000, seed: 5 });
  for (const model of models) {
    expect((await service.call('acme', 'POST', '/v1/models', model)).status).toBe(201);
    expect(
      (await service.call('acme', 'POST', `/v1/models/${model.key}/references`, reference)).status,
    ).toBe(201);
  }
}

async function publish(service: DriftTestApp, messages: Message[]): Promise<void> {
  const kafka = createKafka({ brokers: service.config.KAFKA_BROKERS, clientId: 'replay-test' });
  const producer = kafka.producer(idempotentProducer);
  await producer.connect();
  const topic = `${service.config.KAFKA_TOPIC_PREFIX}${driftSamples.topic}`;
  // Below the broker's request size limit; each model's batches keep their order (one key, one partition).
  for (let start = 0; start < messages.length; start += 20) {
    await producer.send({ topic, messages: messages.slice(start, start + 20) });
  }
  await producer.disconnect();
  await waitForConsumerToCatchUp(kafka, `${service.config.KAFKA_TOPIC_PREFIX}drift-samples`, topic);
}

/** windowStateChecksum of every window, by `<model>/<segment>/<window index>`. */
async function windowChecksums(service: DriftTestApp): Promise<Record<string, string>> {
  const { rows } = await service.owner.query(
    `SELECT model_key, segment, window_index, state FROM drift.windows WHERE tenant_id = 'acme'`,
  );
  return Object.fromEntries(
    (
      rows as Array<{
        model_key: string;
        segment: string;
        window_index: string;
        state: WindowState;
      }>
    ).map((row) => [
      `${row.model_key}/${row.segment}/${row.window_index}`,
      windowStateChecksum(row.state),
    ]),
  );
}

async function liveChecksum(
  service: DriftTestApp,
  model: string,
): Promise<{ windows: number; checksum: string }> {
  const answer = await service.call<{ windows: number; checksum: string }>(
    'acme',
    'GET',
    `/v1/models/${model}/windows/checksum`,
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('replaying the samples stream gives identical window states', () => {
  const stream = sampleStream();
  let first: DriftTestApp;
  let second: DriftTestApp;
  let recorded: Record<string, string>;

  beforeAll(async () => {
    first = await startDriftTestApp({ DRIFT_CONSUMER_BATCH: '50' });
    await registerModels(first);
    await publish(first, stream);
    recorded = await windowChecksums(first);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('folded the stream into several windows of two segments per model', async () => {
    const keys = Object.keys(recorded);
    // Five hours of time windows and twelve count windows, each whole and per region.
    expect(keys.filter((key) => key.startsWith('timed/')).length).toBe(5 * 3);
    expect(keys.filter((key) => key.startsWith('counted/')).length).toBe(12 * 3);
    const { rows } = await first.owner.query(
      `SELECT model_key, sum((state->>'rows')::int)::int AS rows FROM drift.windows
        WHERE segment = '' GROUP BY model_key ORDER BY model_key`,
    );
    expect(rows).toEqual([
      { model_key: 'counted', rows: 3000 },
      { model_key: 'timed', rows: 3000 },
    ]);
  });

  it('(a) leaves every window state unchanged when the same events are republished', async () => {
    const before = await liveChecksum(first, 'timed');
    const replayed = stream.map((message, offset) => ({
      ...message,
      headers: { ...message.headers, [replayHeader]: `drift.samples.v1/0/${offset}` },
    }));
    await publish(first, replayed);
    expect(await windowChecksums(first)).toEqual(recorded);
    expect(await liveChecksum(first, 'timed')).toEqual(before);
    const { rows } = await first.owner.query(`SELECT count(*)::int AS n FROM drift.sample_batches`);
    expect(rows[0].n).toBe(2 * batchesPerModel);
  });

  it('(b) rebuilds the same states from the stored batches', async () => {
    for (const model of ['timed', 'counted']) {
      const live = await liveChecksum(first, model);
      const rebuilt = await first.call<{ windows: number; changed: number; checksum: string }>(
        'acme',
        'POST',
        `/v1/models/${model}/windows/rebuild`,
      );
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toEqual({ ...live, changed: 0 });
    }
    expect(await windowChecksums(first)).toEqual(recorded);
  });

  it('(c) a second service consuming the same events in other chunk sizes ends with identical windows', async () => {
    second = await startDriftTestApp({ DRIFT_CONSUMER_BATCH: '7' });
    await registerModels(second);
    // Consumer groups are named after the topic prefix: the second service reads its own copy.
    await publish(second, stream);
    expect(await windowChecksums(second)).toEqual(recorded);
    for (const model of ['timed', 'counted']) {
      expect(await liveChecksum(second, model)).toEqual(await liveChecksum(first, model));
    }
  });
});
