import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The process's one Prometheus registry, served at GET /metrics (includes Node process metrics). */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** HTTP requests answered, by method, route template (never the raw path) and status code. */
export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

/** Time from request to response, in seconds, by method, route template and status code. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from request to response in seconds, by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

/** Outbox rows written but not yet published, per relay. */
export const outboxBacklog = new Gauge({
  name: 'outbox_backlog_rows',
  help: 'Outbox rows not yet published to Kafka, per relay',
  labelNames: ['relay'] as const,
  registers: [metricsRegistry],
});

/** Messages a consumer sent to the dead-letter topic, by consumer and source topic. */
export const deadLettersTotal = new Counter({
  name: 'dead_letters_total',
  help: 'Messages sent to a dead-letter topic, by consumer and source topic',
  labelNames: ['consumer', 'topic'] as const,
  registers: [metricsRegistry],
});

/** What became of a consumed event (the `outcome` label of `events_consumed_total`). */
export type ConsumeOutcome = 'applied' | 'duplicate' | 'dead_lettered';

/** Events a consumer handled, by outcome: applied, duplicate (inbox hit) or dead_lettered. */
export const eventsConsumedTotal = new Counter({
  name: 'events_consumed_total',
  help: 'Events handled by a consumer, by topic and outcome (applied, duplicate, dead_lettered)',
  labelNames: ['consumer', 'topic', 'outcome'] as const,
  registers: [metricsRegistry],
});
