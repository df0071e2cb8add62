import { Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import {
  DocumentedOperation,
  parseQueryParameters,
  ValidatedBody,
} from '@tenantry/problem-details';
import { BillingService, planHistorySchema, type PlanHistory } from './billing.service';
import { billingPeriodQuerySchema } from './billing-period-param';
import {
  planChangeSchema,
  planVersionSchema,
  type PlanChange,
  type PlanVersion,
} from './plan-book';

/** The tenant's price plan, versioned by the billing period it takes effect from. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('v1/plan')
export class PlansController {
  constructor(private readonly billing: BillingService) {}

  @Put()
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Add a version of the price plan',
    description:
      'Effective from a billing period not yet invoiced; the service numbers the versions.',
    body: planChangeSchema,
    answer: { schema: planVersionSchema },
    problems: {
      409: '`plan-version-conflict` (body `nextVersion`), `period-already-invoiced`',
      422: "an invalid plan or month, or `currency-mismatch`: not the cost cap's currency",
    },
  })
  change(
    @ValidatedBody(planChangeSchema) change: PlanChange,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanVersion> {
    return this.billing.changePlan(change, principal.actor);
  }

  @Get()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Read the price plan',
    description: 'The version in effect for the period, and every version.',
    query: billingPeriodQuerySchema,
    answer: { schema: planHistorySchema },
  })
  read(@Query() query: unknown): Promise<PlanHistory> {
    const { period } = parseQueryParameters(billingPeriodQuerySchema, query);
    return this.billing.plan(period);
  }
}
