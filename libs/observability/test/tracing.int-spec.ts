import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpanFile, type RecordedSpan } from '../src';
import { createTestDatabase, waitFor, type TestDatabase } from '@tenantry/testing';

// OpenTelemetry instruments `http` and `pg` through Node's require hooks, which never see
// modules loaded through Jest's own module registry: the service runs as a child process,
// exactly as in production, and writes its spans to a file (TENANTRY_TRACE_FILE).
const repositoryRoot = join(__dirname, '../../..');
const fixture = join(__dirname, 'fixtures/traced-app.ts');

interface RunningService {
  process: ChildProcess;
  baseUrl: string;
  logLines: Record<string, unknown>[];
  spans(): RecordedSpan[];
}

async function startTracedService(databaseUrl: string, traceFile: string): Promise<RunningService> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TENANTRY_TRACE_FILE: traceFile,
    LOG_LEVEL: 'info',
  };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    ['--conditions=tenantry-dev', '-r', '@swc-node/register', fixture],
    {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const logLines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines)
      if (line.startsWith('{')) logLines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`fixture exited with ${child.exitCode}`);
      return logLines.find((line) => line.msg === 'listening')?.port as number | undefined;
    },
    { timeoutMs: 60_000, what: 'the traced fixture to listen' },
  );
  return {
    process: child,
    baseUrl: `http://127.0.0.1:${port}`,
    logLines,
    spans: () => readSpanFile(traceFile),
  };
}

const callerTraceId = '0af7651916cd43dd8448eb211c80319c';
const callerSpanId = 'b7ad6b7169203331';

describe('tracing a service process', () => {
  let database: TestDatabase;
  let directory: string;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    directory = mkdtempSync(join(tmpdir(), 'tenantry-trace-'));
    service = await startTracedService(database.serviceUrl, join(directory, 'spans.jsonl'));
  });

  afterAll(async () => {
    if (service && service.process.exitCode === null) {
      service.process.kill('SIGKILL');
      await once(service.process, 'exit');
    }
    await database?.drop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  async function serverSpanOf(path: string): Promise<RecordedSpan> {
    return waitFor(
      () =>
        service
          .spans()
          .find((span) => span.kind === 'SERVER' && span.attributes['url.path'] === path),
      {
        timeoutMs: 10_000,
        what: `the server span of ${path}`,
      },
    );
  }

  it("records the request's server span, named by its route template, in the caller's trace", async () => {
    const response = await fetch(`${service.baseUrl}/v1/meters/api-calls`, {
      headers: { traceparent: `00-${callerTraceId}-${callerSpanId}-01` },
    });
    expect(await response.json()).toEqual({ key: 'api-calls' });

    const server = await serverSpanOf('/v1/meters/api-calls');
    expect(server).toMatchObject({
      traceId: callerTraceId,
      parentSpanId: callerSpanId,
      name: 'GET /v1/meters/:key',
      service: 'traced-fixture',
      attributes: expect.objectContaining({
        'http.route': '/v1/meters/:key',
        'http.response.status_code': 200,
      }),
    });
  });

  it('records the PostgreSQL query as a child of the server span', async () => {
    const server = await serverSpanOf('/v1/meters/api-calls');
    const query = await waitFor(() =>
      service.spans().find((span) => span.attributes['db.query.text'] === 'SELECT $1::text AS key'),
    );
    expect(query).toMatchObject({
      traceId: callerTraceId,
      parentSpanId: server.spanId,
      kind: 'CLIENT',
    });
  });

  it("stamps the request's log lines with its trace, span and tenant", async () => {
    const server = await serverSpanOf('/v1/meters/api-calls');
    const line = await waitFor(() =>
      service.logLines.find((candidate) => candidate.msg === 'meter read'),
    );
    expect(line).toMatchObject({
      service: 'traced-fixture',
      trace_id: callerTraceId,
      span_id: server.spanId,
      tenant_id: 'tenant-fixture',
      actor: 'user:fixture',
      correlation_id: expect.any(String),
    });
  });

  it('starts a new trace when the caller sends none', async () => {
    await fetch(`${service.baseUrl}/v1/meters/tokens`);
    const server = await serverSpanOf('/v1/meters/tokens');
    expect(server.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.traceId).not.toBe(callerTraceId);
    expect(server).not.toHaveProperty('parentSpanId');
  });

  it('does not trace probes and scrapes', async () => {
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(200);
    // A request after them: once its span is written, theirs would have been too.
    await fetch(`${service.baseUrl}/v1/meters/after-probes`);
    await serverSpanOf('/v1/meters/after-probes');
    const paths = service.spans().map((span) => span.attributes['url.path']);
    expect(paths).not.toContain('/health/ready');
    expect(paths).not.toContain('/metrics');
    expect(
      service.spans().filter((span) => span.attributes['db.query.text'] === 'SELECT 1'),
    ).toEqual([]);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    service.process.kill('SIGTERM');
    const [code] = (await once(service.process, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
