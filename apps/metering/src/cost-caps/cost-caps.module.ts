import { Module } from '@nestjs/common';
import { CapRolloverSweep } from './cap-rollover-sweep';
import { CapUsageObserver } from './cap-usage-observer';
import { CostCapController } from './cost-cap.controller';
import { CostCapsService } from './cost-caps.service';

/** Cost caps per billing period: the API, pricing usage as it arrives, the period rollover. */
@Module({
  controllers: [CostCapController],
  providers: [CostCapsService, CapUsageObserver, CapRolloverSweep],
})
export class CostCapsModule {}
