import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ReferenceStore } from './reference-store';
import { ReferencesController } from './references.controller';
import { ReferencesService } from './references.service';

/** References API and the ReferenceStore that window folding and judging load profiles through. */
@Module({
  imports: [ModelsModule],
  controllers: [ReferencesController],
  providers: [ReferenceStore, ReferencesService],
  exports: [ReferenceStore],
})
export class ReferencesModule {}
