import { Module } from '@nestjs/common';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';
import { UsageCorrector } from './usage-corrector';

/** Void and amend of recorded usage events, with their audit trail. */
@Module({
  controllers: [CorrectionsController],
  providers: [UsageCorrector, CorrectionsService],
})
export class CorrectionsModule {}
