import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

const tracer = trace.getTracer('@tenantry/messaging');

type Headers = Record<string, string>;

const headerGetter = {
  keys: (carrier: Headers) => Object.keys(carrier),
  get: (carrier: Headers, key: string) => carrier[key],
};

/** The trace context stored in a message's headers (`traceparent`, `tracestate`). */
function contextFromHeaders(headers: Headers): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/**
 * Starts the producer span of one outbox row, as a child of the trace that wrote the
 * row, and returns headers that carry the new span to the consumer.
 */
export function startPublishSpan(
  topic: string,
  eventId: string,
  headers: Headers,
): { span: Span; headers: Headers } {
  const span = tracer.startSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': eventId,
      },
    },
    contextFromHeaders(headers),
  );
  const carried: Headers = { ...headers };
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carried);
  return { span, headers: carried };
}

/** Starts the consumer span of one event, as a child of its producer span. */
export function startProcessSpan(
  topic: string,
  consumer: string,
  eventId: string,
  headers: Headers,
): Span {
  return tracer.startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': consumer,
        'messaging.message.id': eventId,
      },
    },
    contextFromHeaders(headers),
  );
}

/** Ends spans, marking them failed when `error` is given. */
export function endSpans(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
