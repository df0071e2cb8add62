import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, trace } from '@opentelemetry/api';
import { readSpanFile, startTelemetry } from '../src';

describe('the span file (TENANTRY_TRACE_FILE)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tenantry-span-file-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('records each finished span with its parent, links and service', async () => {
    const file = join(directory, 'spans.jsonl');
    process.env.TENANTRY_TRACE_FILE = file;
    const telemetry = startTelemetry({ serviceName: 'metering' });
    try {
      const tracer = trace.getTracer('spec');
      const produced = tracer.startSpan('metering.usage.v1 publish', { kind: SpanKind.PRODUCER });
      produced.end();
      tracer.startActiveSpan('relay outbox', (parent) => {
        tracer
          .startSpan('metering.usage.v1 process', {
            kind: SpanKind.CONSUMER,
            links: [{ context: produced.spanContext() }],
          })
          .end();
        parent.end();
      });
    } finally {
      await telemetry.shutdown();
      delete process.env.TENANTRY_TRACE_FILE;
    }

    const spans = readSpanFile(file);
    expect(spans.map((span) => span.name)).toEqual([
      'metering.usage.v1 publish',
      'metering.usage.v1 process',
      'relay outbox',
    ]);
    const [publish, consume, relay] = spans;
    expect(consume).toMatchObject({
      kind: 'CONSUMER',
      status: 'UNSET',
      service: 'metering',
      traceId: relay?.traceId,
      parentSpanId: relay?.spanId,
      links: [{ traceId: publish?.traceId, spanId: publish?.spanId }],
    });
    expect(relay).not.toHaveProperty('parentSpanId');
    expect(consume!.endMs).toBeGreaterThanOrEqual(consume!.startMs);
  });

  it('reads nothing before the first span and skips a line still being written', () => {
    const file = join(directory, 'spans.jsonl');
    expect(readSpanFile(file)).toEqual([]);
    appendFileSync(file, `${JSON.stringify({ name: 'complete' })}\n{"name":"half-wri`);
    expect(readSpanFile(file)).toEqual([{ name: 'complete' }]);
  });
});
