import { context, propagation, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  NoopSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { loadConfig } from '@tenantry/config';
import { SpanFileExporter } from './span-file-exporter';
import { telemetrySettings, type TelemetrySettings } from './telemetry-settings';

/** How a process starts tracing. */
export interface TelemetryOptions {
  /** `service.name` of every span (e.g. 'metering'). */
  serviceName: string;
  /** Receives each span as it ends (tests: `InMemorySpanExporter`); replaces OTLP export. */
  spanExporter?: SpanExporter;
  /** Extra span processors; replace OTLP export. */
  spanProcessors?: SpanProcessor[];
}

/** A started OpenTelemetry SDK. */
export interface Telemetry {
  /**
   * Resolves once every span ended so far is exported. Export waits for the resource's
   * asynchronous attributes (host id), so a test reading an in-memory exporter right after
   * `span.end()` must flush first.
   */
  forceFlush(): Promise<void>;
  /** Flushes pending spans, removes the instrumentation and the global tracer. */
  shutdown(): Promise<void>;
}

// Scrapes and probes arrive every few seconds: tracing them would bury the traces that matter.
const probePath = /^\/(?:metrics|health\/(?:live|ready))(?:\?|$)/;

/**
 * Starts OpenTelemetry: W3C trace context, HTTP and PostgreSQL instrumentation, and export
 * over OTLP when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is) or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (`/v1/traces` appended) is set. Must run before anything loads
 * `pg` or the HTTP server (first import of main.ts): the instrumentation patches modules
 * as they are required. Kafka spans are made by @tenantry/messaging, not here.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const settings = loadConfig(telemetrySettings);
  const instrumentations = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => probePath.test(request.url ?? ''),
    }),
    // Without a parent, a query is background polling (outbox relay): a trace per poll is noise.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations,
    spanProcessors: spanProcessorsFor(options, settings),
    // Metrics are Prometheus (prom-client) and logs are pino on stdout: no OTLP for either.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // NodeSDK keeps its tracer provider to itself; the registered global is the way to reach it.
  const registered = trace.getTracerProvider();
  const tracerProvider =
    registered instanceof ProxyTracerProvider ? registered.getDelegate() : registered;
  const forceFlush = async (): Promise<void> => {
    if (tracerProvider instanceof TracerProvider) await tracerProvider.forceFlush();
  };
  return {
    forceFlush,
    async shutdown() {
      // The SDK's shutdown drops the spans whose export still waits for the resource.
      await forceFlush();
      await sdk.shutdown();
      for (const instrumentation of instrumentations) instrumentation.disable();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * `undefined` lets the SDK build the OTLP exporter from the standard OTEL_* variables
 * (endpoint, protocol, headers), as operators expect.
 */
function spanProcessorsFor(
  options: TelemetryOptions,
  settings: TelemetrySettings,
): SpanProcessor[] | undefined {
  const explicit = [
    ...(options.spanProcessors ?? []),
    ...(options.spanExporter ? [new SimpleSpanProcessor({ exporter: options.spanExporter })] : []),
    ...(settings.TENANTRY_TRACE_FILE
      ? [new SimpleSpanProcessor({ exporter: new SpanFileExporter(settings.TENANTRY_TRACE_FILE) })]
      : []),
  ];
  if (explicit.length > 0) return explicit;
  if (settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_ENDPOINT)
    return undefined;
  // Spans are still recorded without an exporter: logs get trace ids and traceparent travels on.
  return [new NoopSpanProcessor()];
}
