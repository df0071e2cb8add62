import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@tenantry/messaging';
import { driftSamples, parseEvent } from '@tenantry/schemas';
import { ServiceInfrastructureModule } from '@tenantry/service-kit';
import type { Logger } from 'pino';
import { ComparisonsModule } from './comparisons/comparisons.module';
import type { DriftSettings } from './drift-settings';
import { ModelsModule } from './models/models.module';
import { ReferencesApiModule } from './references/references-api.module';
import { SamplesConsumer } from './samples/samples.consumer';
import { SamplesModule } from './samples/samples.module';
import { WindowsModule } from './windows/windows.module';

/** The drift service: its API, the samples consumer and the window closer, on the service kit. */
@Module({})
export class DriftModule {
  static forRoot(config: DriftSettings, logger: Logger): DynamicModule {
    return {
      module: DriftModule,
      imports: [
        ServiceInfrastructureModule.forRoot(config, logger, {
          relayName: 'drift',
          openApi: {
            title: 'Tenantry drift',
            description:
              'Model drift per tenant: models, frozen references, samples, windows judged against the ' +
              'reference, drift status, history and reports, champion/challenger comparisons. ' +
              'Every /v1 route needs the internal bearer token the gateway mints.',
          },
        }),
        ModelsModule,
        ReferencesApiModule.forRoot(config),
        SamplesModule.forRoot(config),
        WindowsModule.forRoot(config),
        ComparisonsModule,
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
