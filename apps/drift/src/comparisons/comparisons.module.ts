import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ComparisonsController } from './comparisons.controller';
import { ModelComparison } from './model-comparison';

/** Champion/challenger comparisons of two models' predictions. */
@Module({
  imports: [ModelsModule],
  controllers: [ComparisonsController],
  providers: [ModelComparison],
})
export class ComparisonsModule {}
