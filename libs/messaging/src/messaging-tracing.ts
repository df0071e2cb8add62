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

/** What the consumer span needs of each event it processes. */
export interface ProcessedMessage {
  eventId: string;
  headers: Headers;
}

/**
 * Starts the consumer span of one transaction. For one event the span is a child of the
 * event's producer span, so the trace goes on; for several (events of different traces
 * applied together) it starts a trace of its own and links to each event's producer span,
 * as the OpenTelemetry messaging conventions prescribe for batches. Run the handler in
 * `trace.setSpan(ROOT_CONTEXT, span)`: its queries and the events it produces join the span.
 */
export function startProcessSpan(
  topic: string,
  consumer: string,
  messages: readonly ProcessedMessage[],
): Span {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.consumer.group.name': consumer,
  };
  const name = `${topic} process`;
  const [only] = messages;
  if (messages.length === 1 && only) {
    return tracer.startSpan(
      name,
      {
        kind: SpanKind.CONSUMER,
        attributes: { ...attributes, 'messaging.message.id': only.eventId },
      },
      contextFromHeaders(only.headers),
    );
  }
  const links = messages.flatMap(({ headers }) => {
    const producer = trace.getSpanContext(contextFromHeaders(headers));
    return producer ? [{ context: producer }] : [];
  });
  return tracer.startSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      root: true,
      links,
      attributes: { ...attributes, 'messaging.batch.message_count': messages.length },
    },
    ROOT_CONTEXT,
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
