import { type DynamicModule, Module } from '@nestjs/common';
import type { DriftSettings } from '../drift-settings';
import { ModelsModule } from '../models/models.module';
import { ReferencesModule } from '../references/references.module';
import { CommittedSampleMetrics } from './committed-sample-metrics';
import { SampleBatchPruning, sampleRetentionDays } from './sample-batch-pruning';
import { SampleIngestor } from './sample-ingestor';
import { SamplesController } from './samples.controller';
import { SamplesService } from './samples.service';
import { WindowFolder } from './window-folder';
import { WindowRebuildController } from './window-rebuild.controller';
import { WindowRebuildService } from './window-rebuild.service';

/**
 * Sample ingestion over HTTP, window folding, rebuilds and pruning of stored batches. Global: the
 * drift.samples.v1 consumer (wired in DriftModule) gets the SampleIngestor from here.
 */
@Module({})
export class SamplesModule {
  static forRoot(config: DriftSettings): DynamicModule {
    return {
      module: SamplesModule,
      global: true,
      imports: [ModelsModule, ReferencesModule],
      controllers: [SamplesController, WindowRebuildController],
      providers: [
        SampleIngestor,
        CommittedSampleMetrics,
        WindowFolder,
        WindowRebuildService,
        SamplesService,
        SampleBatchPruning,
        { provide: sampleRetentionDays, useValue: config.DRIFT_SAMPLE_RETENTION_DAYS },
      ],
      exports: [SampleIngestor],
    };
  }
}
