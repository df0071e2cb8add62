import { periodById, type BillingPeriod } from '@tenantry/metering-core';
import { z } from 'zod';
import { InvalidBillingPeriodError } from './invalid-billing-period.error';

const monthId = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A billing period id as a request carries it: a calendar month, YYYY-MM. */
export const billingMonthSchema = z
  .string()
  .regex(monthId, 'a billing period is a month: YYYY-MM, e.g. "2026-03"');

/** The `period` query parameter of billing reads: a month, by default the current one. */
export const billingPeriodQuerySchema = z.strictObject({
  period: billingMonthSchema.optional().describe('YYYY-MM; default the current billing period'),
});

/** The billing period (a month in `timeZone`) a path names; 400 for anything but YYYY-MM. */
export function billingPeriodOf(id: string, timeZone: string): BillingPeriod {
  if (!monthId.test(id)) throw new InvalidBillingPeriodError(id);
  return periodById(id, timeZone);
}
