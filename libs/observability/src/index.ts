export { recordHttpMetrics, unmatchedRoute } from './http-metrics.middleware';
export { kafkaReadiness } from './kafka-readiness';
export { correlationFields, createLogger, type LoggerOptions } from './logger';
export {
  deadLettersTotal,
  eventsConsumedTotal,
  httpRequestDuration,
  httpRequestsTotal,
  metricsRegistry,
  outboxBacklog,
  type ConsumeOutcome,
} from './metrics';
export { type ObservabilityOptions } from './observability-options';
export { ObservabilityModule } from './observability.module';
export { PinoNestLogger } from './pino-nest-logger';
export { postgresReadiness } from './postgres-readiness';
export { type CheckOutcome, type ReadinessCheck, type ReadinessReport } from './readiness';
export { reusableAdmin, type ReusableAdmin } from './reusable-admin';
export { readSpanFile, SpanFileExporter, type RecordedSpan } from './span-file-exporter';
export { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry';
export { telemetrySettings, type TelemetrySettings } from './telemetry-settings';
