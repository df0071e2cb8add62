import { isSpanContextValid, trace } from '@opentelemetry/api';
import { currentTenantContext } from '@tenantry/tenant-context';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

/** How a service logs. */
export interface LoggerOptions {
  service: string;
  level: Level | 'silent';
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/**
 * A pino JSON logger; every line carries the active span (`trace_id`, `span_id`) and the
 * tenant context (`tenant_id`, `correlation_id`, `actor`) of the work that wrote it.
 */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: log pipelines and humans filter on "error".
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationFields,
    },
    destination,
  );
}

/** The fields that tie a log line to its trace and tenant; absent outside a span or context. */
export function correlationFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  const tenantContext = currentTenantContext();
  if (tenantContext) {
    fields.correlation_id = tenantContext.correlationId;
    if (tenantContext.tenantId) fields.tenant_id = tenantContext.tenantId;
    if (tenantContext.actor) fields.actor = tenantContext.actor;
  }
  return fields;
}
