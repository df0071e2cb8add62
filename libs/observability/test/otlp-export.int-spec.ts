import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
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
  it('sends spans to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const received: CollectorRequest[] = [];
    const collector = createServer((request, response) => {
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
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    try {
      const telemetry = startTelemetry({ serviceName: 'otlp-spec' });
      trace.getTracer('spec').startActiveSpan('close invoice', (span) => span.end());
      await telemetry.shutdown();

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
    } finally {
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      collector.close();
    }
  });
});
