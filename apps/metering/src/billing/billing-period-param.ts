import { periodById, type BillingPeriod } from '@tenantry/metering-core';
import { DomainError } from '@tenantry/problem-details';
import { z } from 'zod';

const monthId = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A billing period id as a request body carries it: a calendar month, YYYY-MM. */
export const billingMonthSchema = z
  .string()
  .regex(monthId, 'a billing period is a month: YYYY-MM, e.g. "2026-03"');

/** The billing period (a month in `timeZone`) a request names; 400 for anything but YYYY-MM. */
export function billingPeriodOf(id: unknown, timeZone: string): BillingPeriod {
  if (typeof id !== 'string' || !monthId.test(id)) {
    throw new DomainError({
      status: 400,
      type: 'invalid-billing-period',
      title: 'Invalid billing period',
      detail: `${id === undefined ? 'No period given' : `"${String(id)}" is not a billing period`}: name a month as YYYY-MM, e.g. period=2026-03.`,
    });
  }
  return periodById(id, timeZone);
}
