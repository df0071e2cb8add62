import { Injectable } from '@nestjs/common';
import { costPer1000, periodOf, type BillingPeriod } from '@tenantry/metering-core';
import { DomainError } from '@tenantry/problem-details';
import { currentTenantContext, inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { meterAggregations } from '../meters/meter-aggregations';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { periodUsage } from '../usage/period-usage';
import { billingPeriodOf } from './billing-period-param';
import { loadFinalizedInvoices } from './finalized-invoices';
import { draftInvoice } from './invoice-drafts';
import { draftView, finalizedView, type InvoiceView } from './invoice-view';
import { closeBillingPeriod } from './period-closing';
import {
  addPlanVersion,
  planInEffect,
  planVersions,
  type PlanChange,
  type PlanVersion,
} from './plan-book';

/** The plan of a period, and every version of the tenant's plan. */
export interface PlanHistory {
  period: string;
  current: PlanVersion | null;
  versions: PlanVersion[];
}

/** Cost per 1,000 requests of a billing period, and the figures it comes from. */
export interface UnitEconomics {
  period: string;
  status: InvoiceView['status'];
  currency: string;
  requestsMeter: string;
  requests: string;
  /** The period's own charges (invoice subtotal): what its requests cost. */
  cost: string;
  /** What the invoice bills in all, adjustments of earlier periods included. */
  invoiceTotal: string;
  /** Null when the period had no requests. */
  costPer1000Requests: string | null;
}

/** Plans, invoices and unit economics of the request's tenant, each in one transaction. */
@Injectable()
export class BillingService {
  constructor(private readonly dataSource: DataSource) {}

  async changePlan(change: PlanChange): Promise<PlanVersion> {
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      addPlanVersion(manager, tenantId, change, actor()),
    );
  }

  /** The plan in effect for `periodId` (default: the current period) and every version. */
  async plan(periodId: unknown): Promise<PlanHistory> {
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
  async preview(periodId: unknown): Promise<InvoiceView> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const period = await this.periodNamed(manager, periodId);
      return this.invoiceOf(manager, period);
    });
  }

  async close(periodId: unknown): Promise<InvoiceView> {
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const period = await this.periodNamed(manager, periodId);
      return finalizedView(
        await closeBillingPeriod(manager, tenantId, period, actor(), new Date()),
      );
    });
  }

  async unitEconomics(periodId: unknown, requestsMeter: unknown): Promise<UnitEconomics> {
    if (typeof requestsMeter !== 'string' || requestsMeter === '') {
      throw new DomainError({
        status: 400,
        type: 'missing-requests-meter',
        title: 'Missing requests meter',
        detail: 'Name the meter that counts requests: requestsMeter=<meter key>.',
      });
    }
    return inTenantTransaction(this.dataSource, async (manager) => {
      const period = await this.periodNamed(manager, periodId);
      const lastInstant = new Date(period.end.getTime() - 1);
      const aggregation = (await meterAggregations(manager, [requestsMeter], lastInstant)).get(
        requestsMeter,
      );
      if (aggregation === undefined) {
        throw new DomainError({
          status: 404,
          type: 'unknown-meter',
          title: 'Unknown meter',
          detail: `The tenant has no meter "${requestsMeter}".`,
        });
      }
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

  /** The billing period an id names in the tenant's time zone; the current one when none is given. */
  private async periodNamed(manager: EntityManager, periodId: unknown): Promise<BillingPeriod> {
    const { timeZone } = await loadTenantSettings(manager);
    return periodId === undefined
      ? periodOf(new Date(), timeZone)
      : billingPeriodOf(periodId, timeZone);
  }
}

function actor(): string {
  return currentTenantContext()?.actor ?? 'unknown';
}
