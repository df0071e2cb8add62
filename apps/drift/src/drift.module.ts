import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tenantry/auth';
import { MessagingModule } from '@tenantry/messaging';
import { kafkaReadiness, ObservabilityModule, postgresReadiness } from '@tenantry/observability';
import { driftSamples, parseEvent } from '@tenantry/schemas';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ComparisonsModule } from './comparisons/comparisons.module';
import type { DriftSettings } from './drift-settings';
import { ModelsModule } from './models/models.module';
import { OpenApiModule } from './openapi/openapi.module';
import { ReferencesModule } from './references/references.module';
import { SamplesConsumer } from './samples/samples.consumer';
import { SamplesModule } from './samples/samples.module';
import { WindowsModule } from './windows/windows.module';

/** The drift service: HTTP API, samples consumer, window closer, outbox relay, metrics and health. */
@Module({})
export class DriftModule {
  static forRoot(config: DriftSettings, logger: Logger): DynamicModule {
    return {
      module: DriftModule,
      imports: [
        AuthModule.forRoot(config),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        MessagingModule.forRoot({ settings: config, relayName: 'drift', logger }),
        ObservabilityModule.forRootAsync({
          inject: [DataSource, Kafka],
          useFactory: (dataSource: DataSource, kafka: Kafka) => ({
            readiness: [postgresReadiness(dataSource), kafkaReadiness(kafka)],
          }),
        }),
        ModelsModule,
        ReferencesModule,
        SamplesModule.forRoot(config),
        WindowsModule.forRoot(config),
        ComparisonsModule,
        OpenApiModule,
        MessagingModule.forConsumer({
          name: 'drift-samples',
          topics: [driftSamples.topic],
          handler: SamplesConsumer,
          dedupe: 'handler',
          parse: (event) => parseEvent(driftSamples, event),
          maxBatchSize: config.DRIFT_CONSUMER_BATCH,
          partitionsConsumedConcurrently: 3,
        }),
      ],
    };
  }
}
