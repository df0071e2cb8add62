// The service's share of the benchmark: from the end of a time window to its drift event on Kafka.
import path from 'node:path';
import { createKafka, idempotentProducer } from '@tenantry/messaging';
import { driftDetected, driftResolved, fromKafkaMessage } from '@tenantry/schemas';
import {
  ensureServiceRole,
  provideTestInfrastructure,
  startTsProcess,
  type TestInfrastructure,
} from '@tenantry/testing';
import { authorization, prepareDriftEnvironment } from '../test/drift-test-app';
import { fixtureModel, sampleRows, samplesMessage } from '../test/drift-fixtures';

const WINDOW_SECONDS = 2;
const TENANT = 'bench';

/**
 * Runs the service as its own process with 2-second windows that alternate between drifted and
 * clean rows (detectAfter = resolveAfter = 1), so every window ends in a drift.detected or
 * drift.resolved; returns, per event, the seconds from the window's end to the event's arrival.
 */
export async function measureDetectionLatency(windows: number): Promise<number[]> {
  const infrastructure: TestInfrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  process.env.TENANTRY_TEST_POSTGRES_URL = infrastructure.postgresAdminUrl;
  process.env.TENANTRY_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  const { database, config, env } = await prepareDriftEnvironment({ LOG_LEVEL: 'error' });
  const service = startTsProcess(path.join(__dirname, '../src/main.ts'), {
    ...env,
    PORT: '3903',
  });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'drift-bench' });
  const producer = kafka.producer(idempotentProducer);
  const consumer = kafka.consumer({ groupId: `${config.KAFKA_TOPIC_PREFIX}bench-events` });
  const latencies: number[] = [];
  try {
    await service.printed('ready');
    const api = async (route: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:3903${route}`, {
        method: 'POST',
        headers: await authorization(TENANT),
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    };
    await api(
      '/v1/models',
      fixtureModel({
        segments: [],
        window: { type: 'time', seconds: WINDOW_SECONDS, latenessSeconds: 0 },
        policy: { detectAfter: 1, resolveAfter: 1, minSampleSize: 50 },
      }),
    );
    await api('/v1/models/churn/references', sampleRows({ count: 5000, seed: 1 }));

    const eventsTopic = `${config.KAFKA_TOPIC_PREFIX}${driftDetected.topic}`;
    await consumer.connect();
    await consumer.subscribe({ topic: eventsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const arrived = Date.now();
        const event = fromKafkaMessage(message);
        if (event.type !== driftDetected.type && event.type !== driftResolved.type) return;
        const { windowEnd } = event.data as { windowEnd: string };
        latencies.push((arrived - Date.parse(windowEnd)) / 1000);
      },
    });
    await producer.connect();

    const topic = `${config.KAFKA_TOPIC_PREFIX}drift.samples.v1`;
    const windowMs = WINDOW_SECONDS * 1000;
    // Start at the next window boundary so that every window is whole.
    let windowStart = Math.ceil((Date.now() + 500) / windowMs) * windowMs;
    for (let window = 0; window < windows; window++, windowStart += windowMs) {
      const shift = window % 2 === 0 ? 1 : 0;
      // Ten batches of 50 rows spread over the window, each stamped with its send time.
      for (let batch = 0; batch < 10; batch++) {
        const sendAt = windowStart + (batch * windowMs) / 10;
        await sleep(sendAt - Date.now());
        const rows = sampleRows({
          count: 50,
          seed: window * 10 + batch + 2,
          start: new Date(Math.max(Date.now(), windowStart)),
          spacingMs: 1,
          shift,
        });
        await producer.send({
          topic,
          acks: -1,
          messages: [samplesMessage(TENANT, 'churn', `w${window}-b${batch}`, rows)],
        });
      }
    }
    const deadline = windowStart + 10_000;
    while (latencies.length < windows && Date.now() < deadline) await sleep(100);
    return latencies;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await service.stop();
    await database.drop();
    await infrastructure.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
