import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { startTelemetry } from '../src';

interface CollectorRequest {
  method?: string;
  path?: string;
  contentType?: string;
  body: Buffer;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('OTLP export', () => {
  const received: CollectorRequest[] = [];
  let collector: Server;
  let collectorUrl: string;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      void bodyOf(request).then((body) => {
        received.push({
          method: request.method,
          path: request.url,
          contentType: request.headers['content-type'],
          body,
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    received.length = 0;
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  });

  afterAll(() => collector.close());

  async function exportOneSpan(name: string): Promise<void> {
    const telemetry = startTelemetry({ serviceName: 'otlp-spec' });
    trace.getTracer('spec').startActiveSpan(name, (span) => span.end());
    await telemetry.shutdown();
  }

  it('sends spans to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collectorUrl;
    await exportOneSpan('close invoice');

    expect(received).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/traces',
        contentType: 'application/x-protobuf',
      }),
    ]);
    // Protobuf keeps strings as UTF-8 bytes: the span and its service are in the payload.
    expect(received[0]?.body.includes('close invoice')).toBe(true);
    expect(received[0]?.body.includes('otlp-spec')).toBe(true);
  });

  it('sends spans to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, without the generic variable', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${collectorUrl}/collector/traces`;
    await exportOneSpan('open invoice');

    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', path: '/collector/traces' }),
    ]);
    expect(received[0]?.body.includes('open invoice')).toBe(true);
  });
});
