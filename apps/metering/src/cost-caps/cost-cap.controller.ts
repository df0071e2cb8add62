import { Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { costCapSchema, type CostCap } from '@tenantry/metering-core';
import { DocumentedOperation, ValidatedBody } from '@tenantry/problem-details';
import { costCapView, costCapViewSchema, type CostCapView } from './cost-cap-view';
import { CostCapsService } from './cost-caps.service';

/** The tenant's cost cap per billing period: a circuit breaker the gateway follows (metering.cap.v1). */
@ApiTags('cost caps')
@ApiBearerAuth()
@Controller('v1/cost-cap')
export class CostCapController {
  constructor(private readonly caps: CostCapsService) {}

  @Put()
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Set the cost cap',
    description:
      "The cap per billing period, in the plan's currency; the breaker settles with it at once.",
    body: costCapSchema,
    answer: { schema: costCapViewSchema },
    problems: { 422: "an invalid cap, or `currency-mismatch`: not the plan's currency" },
  })
  async set(
    @ValidatedBody(costCapSchema) cap: CostCap,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CostCapView> {
    return costCapView(await this.caps.set(cap, principal.actor));
  }

  @Get()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Read the cost cap',
    answer: { schema: costCapViewSchema },
    problems: { 404: '`no-cost-cap`' },
  })
  async read(): Promise<CostCapView> {
    return costCapView(await this.caps.read());
  }

  @Delete()
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Remove the cost cap',
    description: 'An open breaker closes (`cap.cleared`, cause `cap-removed`).',
    answer: { status: 204 },
    problems: { 404: '`no-cost-cap`' },
  })
  async remove(): Promise<void> {
    await this.caps.remove();
  }
}
