import {
  deadLettersTotal,
  eventsConsumedTotal,
  httpRequestDuration,
  httpRequestsTotal,
  metricsRegistry,
  outboxBacklog,
} from './metrics';

describe('metricsRegistry', () => {
  it('holds the platform metrics under their agreed names and labels', async () => {
    const described = await Promise.all(
      [
        httpRequestsTotal,
        httpRequestDuration,
        outboxBacklog,
        deadLettersTotal,
        eventsConsumedTotal,
      ].map(async (metric) => {
        const { name, type } = await metric.get();
        return [name, type, (metric as unknown as { labelNames: string[] }).labelNames];
      }),
    );
    expect(described).toEqual([
      ['http_requests_total', 'counter', ['method', 'route', 'status']],
      ['http_request_duration_seconds', 'histogram', ['method', 'route', 'status']],
      ['outbox_backlog_rows', 'gauge', ['relay']],
      ['dead_letters_total', 'counter', ['consumer', 'topic']],
      ['events_consumed_total', 'counter', ['consumer', 'topic', 'outcome']],
    ]);
    for (const [name] of described)
      expect(metricsRegistry.getSingleMetric(name as string)).toBeDefined();
  });

  it('exposes recorded values in the Prometheus text format', async () => {
    outboxBacklog.set({ relay: 'metering' }, 42);
    eventsConsumedTotal.inc({
      consumer: 'metering',
      topic: 'metering.usage.v1',
      outcome: 'duplicate',
    });
    const text = await metricsRegistry.metrics();
    expect(text).toContain('outbox_backlog_rows{relay="metering"} 42');
    expect(text).toContain(
      'events_consumed_total{consumer="metering",topic="metering.usage.v1",outcome="duplicate"} 1',
    );
    expect(metricsRegistry.contentType).toMatch(/^text\/plain/);
  });

  it('includes the Node process metrics', async () => {
    const text = await metricsRegistry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('refuses a label the metric does not declare', () => {
    expect(() => outboxBacklog.set({ service: 'metering' } as never, 1)).toThrow();
  });
});
