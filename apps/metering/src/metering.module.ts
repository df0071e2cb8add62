import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tenantry/auth';
import { MessagingModule } from '@tenantry/messaging';
import { kafkaReadiness, ObservabilityModule, postgresReadiness } from '@tenantry/observability';
import { ProblemDetailsModule } from '@tenantry/problem-details';
import { parseEvent, usageRecorded } from '@tenantry/schemas';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BillingModule } from './billing/billing.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { CostCapsModule } from './cost-caps/cost-caps.module';
import { IngestModule } from './ingest/ingest.module';
import { UsageConsumer } from './ingest/usage.consumer';
import { IngestStatusModule } from './ingest-status/ingest-status.module';
import type { MeteringSettings } from './metering-settings';
import { MetersModule } from './meters/meters.module';
import { OpenApiModule } from './openapi/openapi.module';
import { QueryModule } from './query/query.module';
import { TenantSettingsModule } from './tenant-settings/tenant-settings.module';
import { QuotasModule } from './quotas/quotas.module';

/** The metering service: HTTP API, usage consumer, outbox relay, metrics and health. */
@Module({})
export class MeteringModule {
  static forRoot(config: MeteringSettings, logger: Logger): DynamicModule {
    return {
      module: MeteringModule,
      imports: [
        ProblemDetailsModule,
        AuthModule.forRoot(config),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        MessagingModule.forRoot({ settings: config, relayName: 'metering', logger }),
        ObservabilityModule.forRootAsync({
          inject: [DataSource, Kafka],
          useFactory: (dataSource: DataSource, kafka: Kafka) => ({
            readiness: [postgresReadiness(dataSource), kafkaReadiness(kafka)],
          }),
        }),
        IngestModule,
        MetersModule,
        QueryModule,
        TenantSettingsModule,
        IngestStatusModule,
        OpenApiModule,
        QuotasModule,
        CorrectionsModule,
        BillingModule,
        CostCapsModule,
        MessagingModule.forConsumer({
          name: 'metering-usage',
          topics: [usageRecorded.topic],
          handler: UsageConsumer,
          dedupe: 'handler',
          parse: (event) => parseEvent(usageRecorded, event),
          maxBatchSize: config.METERING_CONSUMER_BATCH,
          partitionsConsumedConcurrently: 3,
        }),
      ],
    };
  }
}
