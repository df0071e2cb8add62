import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { parseQueryParameters } from '@tenantry/problem-details';
import { BillingService } from './billing.service';
import { billingPeriodQuerySchema } from './billing-period-param';
import type { InvoiceView } from './invoice-view';

/** Invoices per billing period: a preview while the period is open, final once it is closed. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly billing: BillingService) {}

  /** The invoice of `period` (default: the current one): a draft, or the final invoice once closed. */
  @Get('preview')
  @Roles('metering:read')
  preview(@Query() query: unknown): Promise<InvoiceView> {
    const { period } = parseQueryParameters(billingPeriodQuerySchema, query);
    return this.billing.preview(period);
  }

  /** Finalizes the invoice of an ended period and publishes `invoice.finalized`; 409 when closed already. */
  @Post(':period/close')
  @HttpCode(201)
  @Roles('metering:admin')
  close(
    @Param('period') period: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InvoiceView> {
    return this.billing.close(period, principal.actor);
  }
}
