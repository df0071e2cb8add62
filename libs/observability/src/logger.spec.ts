import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { newTenantContext, runWithTenantContext } from '@tenantry/tenant-context';
import { createLogger } from './logger';
import { startTelemetry, type Telemetry } from './telemetry';

/** A logger whose lines the test reads back as objects. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: 'metering', level: 'info', destination }), lines };
}

describe('createLogger', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({
      serviceName: 'logger-spec',
      spanExporter: new InMemorySpanExporter(),
    });
  });
  afterAll(() => telemetry.shutdown());

  it('writes JSON lines with the service, a level name and an ISO time', () => {
    const { logger, lines } = capturedLogger();
    logger.warn('quota nearly used');
    expect(lines).toEqual([
      expect.objectContaining({
        service: 'metering',
        level: 'warn',
        msg: 'quota nearly used',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('stamps each line with the active span and the tenant context', () => {
    const { logger, lines } = capturedLogger();
    const context = newTenantContext({ tenantId: 'tenant-a', actor: 'user:ada' });
    let spanIds: { traceId: string; spanId: string } | undefined;
    runWithTenantContext(context, () =>
      trace.getTracer('spec').startActiveSpan('ingest usage', (span) => {
        spanIds = span.spanContext();
        logger.info('usage recorded');
        span.end();
      }),
    );
    expect(lines[0]).toMatchObject({
      trace_id: spanIds?.traceId,
      span_id: spanIds?.spanId,
      tenant_id: 'tenant-a',
      actor: 'user:ada',
      correlation_id: context.correlationId,
    });
    expect(spanIds?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves the fields out outside a span and a tenant context', () => {
    const { logger, lines } = capturedLogger();
    logger.info('starting');
    for (const field of ['trace_id', 'span_id', 'tenant_id', 'correlation_id', 'actor']) {
      expect(lines[0]).not.toHaveProperty(field);
    }
  });

  it('keeps the correlation id of work not yet bound to a tenant', () => {
    const { logger, lines } = capturedLogger();
    const context = newTenantContext();
    runWithTenantContext(context, () => logger.info('authenticating'));
    expect(lines[0]).toMatchObject({ correlation_id: context.correlationId });
    expect(lines[0]).not.toHaveProperty('tenant_id');
    expect(lines[0]).not.toHaveProperty('actor');
  });

  it('does not write below its level', () => {
    const { logger, lines } = capturedLogger();
    logger.debug('noise');
    expect(lines).toEqual([]);
  });
});
