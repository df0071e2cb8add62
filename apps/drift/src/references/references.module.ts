import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ReferenceStore } from './reference-store';

/** The ReferenceStore that the references API, window folding and judging load profiles through. */
@Module({
  imports: [ModelsModule],
  providers: [ReferenceStore],
  exports: [ReferenceStore],
})
export class ReferencesModule {}
