import { Module } from '@nestjs/common';
import { ModelStore } from './model-store';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/** Models API and the ModelStore the other features read models through. */
@Module({
  controllers: [ModelsController],
  providers: [ModelStore, ModelsService],
  exports: [ModelStore],
})
export class ModelsModule {}
