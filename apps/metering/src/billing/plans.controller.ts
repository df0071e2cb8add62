import { Controller, Get, Put, Query } from '@nestjs/common';
import { Roles } from '@tenantry/auth';
import { ValidatedBody } from '@tenantry/problem-details';
import { BillingService, type PlanHistory } from './billing.service';
import { planChangeSchema, type PlanChange, type PlanVersion } from './plan-book';

/** The tenant's price plan, versioned by the billing period it takes effect from. */
@Controller('v1/plan')
export class PlansController {
  constructor(private readonly billing: BillingService) {}

  /** A new version of the plan, effective from a billing period not yet invoiced. */
  @Put()
  @Roles('metering:admin')
  async change(@ValidatedBody(planChangeSchema) change: PlanChange): Promise<PlanVersion> {
    return this.billing.changePlan(change);
  }

  /** The version in effect for `period` (default: the current period) and every version. */
  @Get()
  @Roles('metering:read')
  async read(@Query('period') period?: string): Promise<PlanHistory> {
    return this.billing.plan(period);
  }
}
