import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { parseQueryParameters } from '@tenantry/problem-details';
import { z } from 'zod';
import { BillingService, type UnitEconomics } from './billing.service';
import { billingPeriodQuerySchema } from './billing-period-param';

const unitEconomicsQuerySchema = billingPeriodQuerySchema.extend({
  requestsMeter: z.string().min(1).max(63).describe('the key of the meter that counts requests'),
});

/** Reports on what the tenant's usage costs. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('v1/reports')
export class UnitEconomicsController {
  constructor(private readonly billing: BillingService) {}

  /** Cost per 1,000 requests of a billing period, counted by the meter `requestsMeter`. */
  @Get('unit-economics')
  @Roles('metering:read')
  unitEconomics(@Query() query: unknown): Promise<UnitEconomics> {
    const { period, requestsMeter } = parseQueryParameters(unitEconomicsQuerySchema, query);
    return this.billing.unitEconomics(period, requestsMeter);
  }
}
