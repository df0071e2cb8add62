import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { DocumentedOperation, parseQueryParameters } from '@tenantry/problem-details';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { BillingService } from './billing.service';
import { billingPeriodQuerySchema } from './billing-period-param';
import { invoiceViewSchema, type InvoiceView } from './invoice-view';

/** Invoices per billing period: a preview while the period is open, final once it is closed. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly billing: BillingService) {}

  @Get('preview')
  @ExpensiveOperation()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Preview the invoice of a billing period',
    description:
      "A draft while the period is open: each charged meter's usage priced with the plan in " +
      'effect, plus the adjustments not yet billed of earlier closed periods; the final invoice ' +
      'once the period is closed.',
    query: billingPeriodQuerySchema,
    answer: { schema: invoiceViewSchema },
    problems: { 404: '`no-plan`: no plan prices the period' },
  })
  preview(@Query() query: unknown): Promise<InvoiceView> {
    const { period } = parseQueryParameters(billingPeriodQuerySchema, query);
    return this.billing.preview(period);
  }

  @Post(':period/close')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Close an ended billing period',
    description:
      'Finalizes its invoice (never rewritten), marks the adjustments it bills and publishes ' +
      '`invoice.finalized`.',
    answer: { status: 201, schema: invoiceViewSchema, description: 'The final invoice' },
    problems: {
      400: '`invalid-billing-period`: not YYYY-MM',
      404: '`no-plan`: no plan prices the period',
      409: '`period-already-closed`',
      422: '`period-not-ended`',
    },
  })
  close(
    @Param('period') period: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InvoiceView> {
    return this.billing.close(period, principal.actor);
  }
}
