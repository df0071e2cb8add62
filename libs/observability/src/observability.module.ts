import {
  Inject,
  Module,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthController } from './health.controller';
import { recordHttpMetrics } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import {
  ConfigurableObservabilityModule,
  OBSERVABILITY_OPTIONS,
  type ObservabilityOptions,
} from './observability-options';

/**
 * GET /metrics, /health/live and /health/ready, and RED metrics for every HTTP request:
 * `ObservabilityModule.forRoot({ readiness: [postgresReadiness(dataSource), kafkaReadiness(kafka)] })`
 * (or `forRootAsync({ inject, useFactory })` when the checks need providers).
 */
@Module({ controllers: [MetricsController, HealthController] })
export class ObservabilityModule
  extends ConfigurableObservabilityModule
  implements NestModule, OnApplicationShutdown
{
  constructor(@Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions) {
    super();
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(recordHttpMetrics).forRoutes('*');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.options.readiness.map((check) => check.close?.()));
  }
}
