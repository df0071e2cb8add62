import { z } from 'zod';

// Compose files and manifests often set a variable to '' to mean "not set".
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

const collectorUrl = z.preprocess(unsetWhenEmpty, z.url({ protocol: /^https?$/ }).optional());

/** Where traces go: an OTLP collector, a JSON-lines file (tests), or nowhere. */
export const telemetrySettings = z.object({
  /**
   * Standard OpenTelemetry variable: the collector's base URL, traces go to `<url>/v1/traces`.
   * When neither OTLP endpoint is set, spans are recorded (ids in logs, traceparent) but not exported.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
  /** Standard OpenTelemetry variable: the full URL traces are sent to, used as is; wins over the generic one. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collectorUrl,
  /**
   * Appends every finished span to this file as one JSON line (instead of OTLP export): lets
   * tests assert on the traces of a real service process. See `readSpanFile`.
   */
  TENANTRY_TRACE_FILE: z.preprocess(unsetWhenEmpty, z.string().optional()),
});

/** The parsed telemetry settings. */
export type TelemetrySettings = z.output<typeof telemetrySettings>;
