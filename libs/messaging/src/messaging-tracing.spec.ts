import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTelemetry, type Telemetry } from '@tenantry/observability/telemetry';
import { startProcessSpan } from './messaging-tracing';

const producerA = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
const producerB = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const headersOf = ({ traceId, spanId }: typeof producerA) => ({
  traceparent: `00-${traceId}-${spanId}-01`,
});

describe('startProcessSpan', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'spec', spanExporter: new InMemorySpanExporter() });
  });
  afterAll(() => telemetry.shutdown());

  it("continues the trace of a single event as a child of its producer's span", () => {
    const span = startProcessSpan('ledger.entries.v1', 'ledger', [
      { eventId: 'e-1', headers: headersOf(producerA) },
    ]);
    span.end();
    expect(span.spanContext().traceId).toBe(producerA.traceId);
    expect(
      (span as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext,
    ).toMatchObject({ spanId: producerA.spanId });
  });

  it("links a batch to every event's producer span in a trace of its own", () => {
    const span = startProcessSpan('ledger.entries.v1', 'ledger', [
      { eventId: 'e-1', headers: headersOf(producerA) },
      { eventId: 'e-2', headers: headersOf(producerB) },
      { eventId: 'e-3', headers: {} },
    ]);
    span.end();
    const recorded = span as unknown as {
      links: Array<{ context: { traceId: string; spanId: string } }>;
      parentSpanContext?: unknown;
      attributes: Record<string, unknown>;
    };
    expect(recorded.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toMatch(
      new RegExp(`${producerA.traceId}|${producerB.traceId}`),
    );
    expect(recorded.links.map((link) => link.context)).toEqual([
      expect.objectContaining(producerA),
      expect.objectContaining(producerB),
    ]);
    expect(recorded.attributes['messaging.batch.message_count']).toBe(3);
  });
});
