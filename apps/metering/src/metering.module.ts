import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@tenantry/messaging';
import { parseEvent, usageRecorded } from '@tenantry/schemas';
import { ServiceInfrastructureModule } from '@tenantry/service-kit';
import type { Logger } from 'pino';
import { BillingModule } from './billing/billing.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { CostCapsModule } from './cost-caps/cost-caps.module';
import { IngestModule } from './ingest/ingest.module';
import { UsageConsumer } from './ingest/usage.consumer';
import { IngestStatusModule } from './ingest-status/ingest-status.module';
import type { MeteringSettings } from './metering-settings';
import { MetersModule } from './meters/meters.module';
import { QueryModule } from './query/query.module';
import { TenantSettingsModule } from './tenant-settings/tenant-settings.module';
import { QuotasModule } from './quotas/quotas.module';

/** The metering service: its API, the usage consumer and the cost-cap rollover, on the service kit. */
@Module({})
export class MeteringModule {
  static forRoot(config: MeteringSettings, logger: Logger): DynamicModule {
    return {
      module: MeteringModule,
      imports: [
        ServiceInfrastructureModule.forRoot(config, logger, {
          relayName: 'metering',
          openApi: {
            title: 'Tenantry metering',
            description:
              'Usage ingestion, meters, usage queries, quotas, cost caps, pricing and invoices per tenant. ' +
              'Every /v1 route needs the internal bearer token the gateway mints.',
          },
        }),
        IngestModule,
        MetersModule,
        QueryModule,
        TenantSettingsModule,
        IngestStatusModule,
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
          maxBytesPerPartition: 128 * 1024,
        }),
      ],
    };
  }
}
