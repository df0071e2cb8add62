import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ComparisonsController } from './comparisons.controller';
import { ComparisonsService } from './comparisons.service';

/** Champion/challenger comparisons of two models' predictions. */
@Module({
  imports: [ModelsModule],
  controllers: [ComparisonsController],
  providers: [ComparisonsService],
})
export class ComparisonsModule {}
