import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tenantry/auth';
import { MessagingModule } from '@tenantry/messaging';
import { kafkaReadiness, ObservabilityModule, postgresReadiness } from '@tenantry/observability';
import { ProblemDetailsModule, type OpenApiDescription } from '@tenantry/problem-details';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DatabaseConnection } from './database-connection';
import { ExpensiveOperationInterceptor, expensiveOperationSlots } from './expensive-operation';
import { inboxRetentionDays, InboxPruningJob } from './inbox-pruning.job';
import { openApiDescription, OpenApiController } from './openapi.controller';
import type { ServiceInfrastructureSettings } from './service-infrastructure-settings';
import { TenantConcurrency } from './tenant-concurrency';

/** What a service says about its infrastructure. */
export interface ServiceInfrastructureOptions {
  /** Names the service's outbox relay (its metrics label and leader lock). */
  relayName: string;
  /** The title and description of the service's OpenAPI document. */
  openApi: OpenApiDescription;
}

/**
 * Everything a service runs on, once in its root module: internal-token authentication,
 * problem+json errors, TypeORM on DATABASE_URL (connected by DatabaseConnection), the Kafka
 * client and outbox relay, inbox pruning, /metrics, /health/live, /health/ready (PostgreSQL and
 * Kafka) and /openapi.json, and the per-tenant limit of `@ExpensiveOperation()` routes.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(
    config: ServiceInfrastructureSettings,
    logger: Logger,
    options: ServiceInfrastructureOptions,
  ): DynamicModule {
    return {
      module: ServiceInfrastructureModule,
      imports: [
        AuthModule.forRoot(config),
        ProblemDetailsModule,
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          manualInitialization: true,
        }),
        MessagingModule.forRoot({ settings: config, relayName: options.relayName, logger }),
        ObservabilityModule.forRootAsync({
          inject: [DataSource, Kafka],
          useFactory: (dataSource: DataSource, kafka: Kafka) => ({
            readiness: [postgresReadiness(dataSource), kafkaReadiness(kafka)],
          }),
        }),
      ],
      controllers: [OpenApiController],
      providers: [
        DatabaseConnection,
        { provide: openApiDescription, useValue: options.openApi },
        { provide: inboxRetentionDays, useValue: config.INBOX_RETENTION_DAYS },
        InboxPruningJob,
        {
          provide: expensiveOperationSlots,
          useValue: new TenantConcurrency(config.EXPENSIVE_REQUESTS_PER_TENANT),
        },
        { provide: APP_INTERCEPTOR, useClass: ExpensiveOperationInterceptor },
      ],
    };
  }
}
