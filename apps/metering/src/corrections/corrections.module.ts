import { Module } from '@nestjs/common';
import { CorrectionsController } from './corrections.controller';
import { UsageCorrector } from './usage-corrector';

/** Void and amend of recorded usage events, with their audit trail. */
@Module({
  controllers: [CorrectionsController],
  providers: [UsageCorrector],
})
export class CorrectionsModule {}
