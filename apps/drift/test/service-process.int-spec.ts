import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSpanFile } from '@tenantry/observability';
import { freePort, startTsProcess, waitFor, type ServiceEnvironment } from '@tenantry/testing';
import type { DriftSettings } from '../src/drift-settings';
import { prepareDriftEnvironment } from './drift-test-app';

// The service as deployed: main.ts in a process of its own, started by the service kit.
const main = path.join(__dirname, '../src/main.ts');

async function statusOf(url: string): Promise<number | undefined> {
  return fetch(url).then(
    (response) => response.status,
    () => undefined,
  );
}

describe('the drift process', () => {
  let environment: ServiceEnvironment<DriftSettings>;

  jest.setTimeout(300_000);

  beforeAll(async () => {
    environment = await prepareDriftEnvironment();
  });

  afterAll(() => environment.database.drop());

  it('is live while PostgreSQL cannot be reached, and not ready, saying why', async () => {
    const port = await freePort();
    const service = startTsProcess(main, {
      ...environment.env,
      PORT: String(port),
      DATABASE_URL: `postgres://tenantry_app@127.0.0.1:${await freePort()}/nowhere`,
    });
    try {
      await waitFor(async () => (await statusOf(`http://127.0.0.1:${port}/health/live`)) === 200, {
        timeoutMs: 120_000,
        what: '/health/live',
      });
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not_ready',
        checks: { postgres: { status: 'down' }, kafka: { status: 'up' } },
      });
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('traces from the first request, is ready once started and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const traceFile = path.join(mkdtempSync(path.join(tmpdir(), 'drift-process-')), 'spans.jsonl');
    const service = startTsProcess(main, {
      ...environment.env,
      PORT: String(port),
      TENANTRY_TRACE_FILE: traceFile,
    });
    await service.printed('ready', 180_000);
    expect(await statusOf(`http://127.0.0.1:${port}/health/ready`)).toBe(200);
    expect(await statusOf(`http://127.0.0.1:${port}/openapi.json`)).toBe(200);

    // A span only exists when OpenTelemetry patched `http` before Express loaded it.
    expect(await service.stop()).toBe(0);
    expect(readSpanFile(traceFile)).toContainEqual(
      expect.objectContaining({ kind: 'SERVER', name: 'GET /openapi.json', service: 'drift' }),
    );
  });
});
