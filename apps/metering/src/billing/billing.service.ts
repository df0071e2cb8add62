import { Injectable } from '@nestjs/common';
import { costPer1000, periodById, periodOf, type BillingPeriod } from '@tenantry/metering-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { meterAggregations } from '../meters/meter-aggregations';
import { MeterNotFoundError } from '../meters/meter-not-found.error';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import { billingPeriodOf } from './billing-period-param';
import { loadFinalizedInvoices } from './finalized-invoices';
import { draftInvoice } from './invoice-drafts';
import { draftView, finalizedView, invoiceViewSchema, type InvoiceView } from './invoice-view';
import { closeBillingPeriod } from './period-closing';
import {
  addPlanVersion,
  planInEffect,
  planVersions,
  planVersionSchema,
  type PlanChange,
  type PlanVersion,
} from './plan-book';

/** The plan of a period, and every version of the tenant's plan. */
export const planHistorySchema = z.object({
  period: z.string(),
  current: planVersionSchema.nullable().describe('the version in effect for the period'),
  versions: z.array(planVersionSchema).describe('newest first'),
});

/** The plan of a period, and every version of the tenant's plan. */
export type PlanHistory = z.output<typeof planHistorySchema>;

/** Cost per 1,000 requests of a billing period, and the figures it comes from. */
export const unitEconomicsSchema = z.object({
  period: z.string(),
  status: invoiceViewSchema.shape.status,
  currency: z.string(),
  requestsMeter: z.string(),
  requests: z.string(),
  cost: z.string().describe("the period's own charges (invoice subtotal): what its requests cost"),
  invoiceTotal: z.string().describe('what the invoice bills in all, adjustments included'),
  costPer1000Requests: z
    .string()
    .nullable()
    .describe('cost × 1000 / requests, 6 fraction digits; null without requests'),
});

/** Cost per 1,000 requests of a billing period, and the figures it comes from. */
export type UnitEconomics = z.output<typeof unitEconomicsSchema>;

/** Plans, invoices and unit economics of the request's tenant, each in one transaction. */
@Injectable()
export class BillingService {
  constructor(private readonly dataSource: DataSource) {}

  async changePlan(change: PlanChange, actor: string): Promise<PlanVersion> {
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      addPlanVersion(manager, tenantId, change, actor),
    );
  }

  /** The plan in effect for `periodId` (default: the current period) and every version. */
  async plan(periodId: string | undefined): Promise<PlanHistory> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const period = await this.periodNamed(manager, periodId);
      return {
        period: period.id,
        current: (await planInEffect(manager, period.id)) ?? null,
        versions: await planVersions(manager),
      };
    });
  }

  /** The finalized invoice of a closed period, or the draft that closing it now would give. */
  async preview(periodId: string | undefined): Promise<InvoiceView> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const period = await this.periodNamed(manager, periodId);
      return this.invoiceOf(manager, period);
    });
  }

  /** Closes an ended period named in a path (YYYY-MM). */
  async close(periodId: string, actor: string): Promise<InvoiceView> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const { timeZone } = await loadTenantSettings(manager);
      const period = billingPeriodOf(periodId, timeZone);
      return finalizedView(await closeBillingPeriod(manager, tenantId, period, actor, new Date()));
    });
  }

  async unitEconomics(periodId: string | undefined, requestsMeter: string): Promise<UnitEconomics> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const period = await this.periodNamed(manager, periodId);
      const lastInstant = new Date(period.end.getTime() - 1);
      const aggregation = (await meterAggregations(manager, [requestsMeter], lastInstant)).get(
        requestsMeter,
      );
      if (aggregation === undefined) throw new MeterNotFoundError(requestsMeter);
      const invoice = await this.invoiceOf(manager, period);
      const requests = await periodUsage(
        manager,
        requestsMeter,
        aggregation,
        period.start,
        period.end,
      );
      return {
        period: period.id,
        status: invoice.status,
        currency: invoice.currency,
        requestsMeter,
        requests,
        cost: invoice.subtotal,
        invoiceTotal: invoice.total,
        costPer1000Requests: costPer1000(invoice.subtotal, requests),
      };
    });
  }

  private async invoiceOf(manager: EntityManager, period: BillingPeriod): Promise<InvoiceView> {
    const finalized = (await loadFinalizedInvoices(manager, [period.id])).get(period.id);
    return finalized ? finalizedView(finalized) : draftView(await draftInvoice(manager, period));
  }

  /** The billing period a valid id names in the tenant's time zone; the current one when none is given. */
  private async periodNamed(
    manager: EntityManager,
    periodId: string | undefined,
  ): Promise<BillingPeriod> {
    const { timeZone } = await loadTenantSettings(manager);
    return periodId === undefined ? periodOf(new Date(), timeZone) : periodById(periodId, timeZone);
  }
}
