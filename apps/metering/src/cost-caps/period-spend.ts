import {
  periodSpend,
  previewInvoice,
  toMoney,
  type BillingPeriod,
  type Money,
} from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';
import { meteredUsage, quantitiesOf } from '../billing/invoice-drafts';
import { planInEffect } from '../billing/plan-book';

/**
 * What `period` has cost the tenant so far (core periodSpend over its usage priced with the plan
 * in effect); zero in `currency` when no plan prices the period.
 */
export async function spendSoFar(
  manager: EntityManager,
  period: BillingPeriod,
  currency: string,
): Promise<Money> {
  const plan = await planInEffect(manager, period.id);
  if (plan === undefined) return toMoney('0', currency);
  const usage = await meteredUsage(manager, plan.plan, period);
  return periodSpend(
    previewInvoice({ plan: plan.plan, period: period.id, usage: quantitiesOf(usage) }),
  );
}
