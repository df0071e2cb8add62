import { Global, Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ReferencesModule } from '../references/references.module';
import { SampleIngestor } from './sample-ingestor';
import { SamplesController } from './samples.controller';
import { SamplesService } from './samples.service';
import { WindowFolder } from './window-folder';
import { WindowRebuildController } from './window-rebuild.controller';
import { WindowRebuildService } from './window-rebuild.service';

/**
 * Sample ingestion over HTTP, window folding and rebuilds. Global: the drift.samples.v1 consumer
 * (wired in DriftModule) gets the SampleIngestor from here.
 */
@Global()
@Module({
  imports: [ModelsModule, ReferencesModule],
  controllers: [SamplesController, WindowRebuildController],
  providers: [SampleIngestor, SamplesService, WindowFolder, WindowRebuildService],
  exports: [SampleIngestor],
})
export class SamplesModule {}
