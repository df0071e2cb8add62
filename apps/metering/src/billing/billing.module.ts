import { Module } from '@nestjs/common';
import { BillingService } from './billing.service';
import { InvoicesController } from './invoices.controller';
import { LateUsageAdjuster } from './late-usage-adjuster';
import { PlansController } from './plans.controller';
import { UnitEconomicsController } from './unit-economics.controller';

/** Plans, invoice previews, closing periods, adjustments of closed periods, unit economics. */
@Module({
  controllers: [PlansController, InvoicesController, UnitEconomicsController],
  providers: [BillingService, LateUsageAdjuster],
})
export class BillingModule {}
