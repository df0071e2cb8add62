import { Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { parseQueryParameters, ValidatedBody } from '@tenantry/problem-details';
import { BillingService, type PlanHistory } from './billing.service';
import { billingPeriodQuerySchema } from './billing-period-param';
import { planChangeSchema, type PlanChange, type PlanVersion } from './plan-book';

/** The tenant's price plan, versioned by the billing period it takes effect from. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('v1/plan')
export class PlansController {
  constructor(private readonly billing: BillingService) {}

  /** A new version of the plan, effective from a billing period not yet invoiced. */
  @Put()
  @Roles('metering:admin')
  change(
    @ValidatedBody(planChangeSchema) change: PlanChange,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanVersion> {
    return this.billing.changePlan(change, principal.actor);
  }

  /** The version in effect for `period` (default: the current period) and every version. */
  @Get()
  @Roles('metering:read')
  read(@Query() query: unknown): Promise<PlanHistory> {
    const { period } = parseQueryParameters(billingPeriodQuerySchema, query);
    return this.billing.plan(period);
  }
}
