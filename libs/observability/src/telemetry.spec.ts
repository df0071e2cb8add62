import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTelemetry } from './telemetry';

describe('startTelemetry', () => {
  it('records spans made through the OpenTelemetry API into the given exporter', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'metering', spanExporter: exporter });
    try {
      trace.getTracer('spec').startActiveSpan('relay outbox', (relay) => {
        trace
          .getTracer('spec')
          .startSpan('metering.usage.v1 publish', { kind: SpanKind.PRODUCER })
          .end();
        relay.end();
      });
      await telemetry.forceFlush();
      const [publish, relay] = exporter.getFinishedSpans();
      expect(publish?.name).toBe('metering.usage.v1 publish');
      expect(publish?.parentSpanContext?.spanId).toBe(relay?.spanContext().spanId);
      expect(relay?.resource.attributes['service.name']).toBe('metering');
    } finally {
      await telemetry.shutdown();
    }
  });

  it('carries the trace in a W3C traceparent header and reads it back', async () => {
    const telemetry = startTelemetry({
      serviceName: 'metering',
      spanExporter: new InMemorySpanExporter(),
    });
    try {
      const headers: Record<string, string> = {};
      const span = trace.getTracer('spec').startSpan('ingest usage');
      propagation.inject(trace.setSpan(context.active(), span), headers);
      span.end();
      const { traceId, spanId } = span.spanContext();
      expect(headers).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

      const extracted = trace.getSpanContext(propagation.extract(context.active(), headers));
      expect(extracted).toMatchObject({ traceId, spanId, isRemote: true });
    } finally {
      await telemetry.shutdown();
    }
  });

  it('leaves no tracer behind once shut down', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'metering', spanExporter: exporter });
    await telemetry.shutdown();
    const span = trace.getTracer('spec').startSpan('after shutdown');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
