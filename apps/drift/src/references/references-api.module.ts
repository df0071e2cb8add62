import { type DynamicModule, Module } from '@nestjs/common';
import type { DriftSettings } from '../drift-settings';
import { ModelsModule } from '../models/models.module';
import { referenceUploadLimits, type ReferenceUploadLimits } from './reference-upload-limits';
import { ReferencesController } from './references.controller';
import { ReferencesModule } from './references.module';
import { ReferencesService } from './references.service';

/** The references API, with the upload limits of the settings. */
@Module({})
export class ReferencesApiModule {
  static forRoot(config: DriftSettings): DynamicModule {
    const limits: ReferenceUploadLimits = {
      maxRows: config.DRIFT_REFERENCE_MAX_ROWS,
      maxBytes: config.DRIFT_REFERENCE_MAX_BYTES,
    };
    return {
      module: ReferencesApiModule,
      imports: [ModelsModule, ReferencesModule],
      controllers: [ReferencesController],
      providers: [ReferencesService, { provide: referenceUploadLimits, useValue: limits }],
    };
  }
}
