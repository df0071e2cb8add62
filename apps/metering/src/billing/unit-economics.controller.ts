import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@tenantry/auth';
import { BillingService, type UnitEconomics } from './billing.service';

/** Reports on what the tenant's usage costs. */
@Controller('v1/reports')
export class UnitEconomicsController {
  constructor(private readonly billing: BillingService) {}

  /** Cost per 1,000 requests of a billing period, counted by the meter `requestsMeter`. */
  @Get('unit-economics')
  @Roles('metering:read')
  async unitEconomics(
    @Query('period') period?: string,
    @Query('requestsMeter') requestsMeter?: string,
  ): Promise<UnitEconomics> {
    return this.billing.unitEconomics(period, requestsMeter);
  }
}
