import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, parseQueryParameters } from '@tenantry/problem-details';
import { z } from 'zod';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { BillingService, unitEconomicsSchema, type UnitEconomics } from './billing.service';
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

  @Get('unit-economics')
  @ExpensiveOperation()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Cost per 1,000 requests of a billing period',
    description: "Requests counted by the meter `requestsMeter`; cost is the period's own charges.",
    query: unitEconomicsQuerySchema,
    answer: { schema: unitEconomicsSchema },
    problems: { 404: '`meter-not-found`, `no-plan`' },
  })
  unitEconomics(@Query() query: unknown): Promise<UnitEconomics> {
    const { period, requestsMeter } = parseQueryParameters(unitEconomicsQuerySchema, query);
    return this.billing.unitEconomics(period, requestsMeter);
  }
}
