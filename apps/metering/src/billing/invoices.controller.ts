import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '@tenantry/auth';
import { BillingService } from './billing.service';
import type { InvoiceView } from './invoice-view';

/** Invoices per billing period: a preview while the period is open, final once it is closed. */
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly billing: BillingService) {}

  /** The invoice of `period` (default: the current one): a draft, or the final invoice once closed. */
  @Get('preview')
  @Roles('metering:read')
  async preview(@Query('period') period?: string): Promise<InvoiceView> {
    return this.billing.preview(period);
  }

  /** Finalizes the invoice of an ended period and publishes `invoice.finalized`; 409 when closed already. */
  @Post(':period/close')
  @HttpCode(201)
  @Roles('metering:admin')
  async close(@Param('period') period: string): Promise<InvoiceView> {
    return this.billing.close(period);
  }
}
