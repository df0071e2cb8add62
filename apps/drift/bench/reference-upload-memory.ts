// scripts/run-ts apps/drift/bench/reference-upload-memory.ts [--rows 1000000]
// The drift service in its own process (real Kafka and PostgreSQL) fits a reference from the
// largest CSV upload it accepts (DRIFT_REFERENCE_MAX_ROWS rows, within DRIFT_REFERENCE_MAX_BYTES):
// its resident memory before, its peak (VmHWM) and /health/live latencies while the upload runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ensureServiceRole,
  provideTestInfrastructure,
  startTsProcess,
  type TestInfrastructure,
} from '@tenantry/testing';
import { fixtureModel } from '../test/drift-fixtures';
import { authorization, prepareDriftEnvironment } from '../test/drift-test-app';

const PORT = 3904;
const TENANT = 'bench';
const plans = ['basic', 'pro', 'team'];

/** The CSV of `rows` rows of fixtureModel, about 56 bytes a row with its timestamp. */
function csvOf(rows: number): string {
  const start = Date.parse('2026-01-05T00:00:00Z');
  const lines = ['timestamp,age,income,plan,region,prediction,label'];
  for (let index = 0; index < rows; index++) {
    const churn = index % 4 ? 'stays' : 'churns';
    lines.push(
      `${new Date(start + index * 1000).toISOString()},${index % 90},${(index * 7919) % 100_000},` +
        `${plans[index % 3]},eu,${churn},${churn}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** A figure of /proc/<pid>/status in MiB (VmRSS: now, VmHWM: the peak so far). */
function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  const infrastructure: TestInfrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  process.env.TENANTRY_TEST_POSTGRES_URL = infrastructure.postgresAdminUrl;
  process.env.TENANTRY_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  const { database, env } = await prepareDriftEnvironment({ LOG_LEVEL: 'error' });
  const service = startTsProcess(path.join(__dirname, '../src/main.ts'), {
    ...env,
    PORT: String(PORT),
  });
  try {
    await service.printed('ready');
    const pid = service.child.pid!;
    const url = `http://127.0.0.1:${PORT}`;
    const model = await fetch(`${url}/v1/models`, {
      method: 'POST',
      headers: await authorization(TENANT),
      body: JSON.stringify(fixtureModel({ performance: { metric: 'accuracy' } })),
    });
    if (!model.ok) throw new Error(`model: ${model.status} ${await model.text()}`);
    const csv = csvOf(rows);
    const before = memoryMiB(pid, 'VmRSS');

    const started = performance.now();
    let answered = false;
    const upload = fetch(`${url}/v1/models/churn/references`, {
      method: 'POST',
      headers: { ...(await authorization(TENANT)), 'content-type': 'text/csv' },
      body: csv,
    }).finally(() => (answered = true));
    const latencies: number[] = [];
    while (!answered) {
      const sent = performance.now();
      await fetch(`${url}/health/live`);
      latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await upload;
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 201) {
      throw new Error(`upload: ${response.status} ${await response.text()}`);
    }
    latencies.sort((a, b) => a - b);
    console.table({
      'upload (rows)': rows,
      'upload (MiB of CSV)': (Buffer.byteLength(csv) / 2 ** 20).toFixed(1),
      'answered after (s)': seconds.toFixed(2),
      'RSS before (MiB)': Math.round(before),
      'peak RSS, VmHWM (MiB)': Math.round(memoryMiB(pid, 'VmHWM')),
      '/health/live answers during the upload': latencies.length,
      '/health/live p50 (ms)': latencies[Math.floor(latencies.length / 2)]?.toFixed(1),
      '/health/live max (ms)': latencies.at(-1)?.toFixed(1),
    });
  } finally {
    await service.stop();
    await database.drop();
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
