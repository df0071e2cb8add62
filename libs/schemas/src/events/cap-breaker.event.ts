import { z } from 'zod';
import { defineEventContract } from '../event-contract';

const money = z.object({
  amount: z
    .string()
    .regex(/^-?\d+(?:\.\d+)?$/)
    .meta({ description: 'decimal string in the currency minor units' }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .meta({ description: 'ISO 4217 code' }),
});

/** What both cost-cap events say: the period, its spend and the cap, and what caused the change. */
export interface CapBreakerData {
  period: string;
  periodStart: string;
  periodEnd: string;
  spend: z.infer<typeof money>;
  cap: z.infer<typeof money>;
  cause: 'usage' | 'cap-changed' | 'cap-removed' | 'new-period';
}

const data: z.ZodType<CapBreakerData> = z.object({
  period: z.string().meta({ description: 'the billing period, YYYY-MM in the tenant time zone' }),
  periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
  periodEnd: z.iso
    .datetime()
    .meta({ description: 'end of the period, exclusive (UTC): the breaker half-opens then' }),
  spend: money.meta({
    description:
      "the period's spend when the breaker moved: usage charges and fixed fees of the plan, " +
      'without the minimum-commitment true-up',
  }),
  cap: money.meta({
    description: 'the cap per period (for cap-removed: the cap that was removed)',
  }),
  cause: z.enum(['usage', 'cap-changed', 'cap-removed', 'new-period']).meta({
    description:
      'usage: priced usage reached the cap; cap-changed: the tenant set a new cap; ' +
      'cap-removed: the tenant removed its cap; new-period: a billing period began',
  }),
});

const semantics = [
  "Cost caps are a circuit breaker per tenant and billing period over the period's priced spend.",
  'CLOSED (traffic flows) → OPEN on cap.reached, published once when the spend reaches the cap',
  '(or a lowered cap falls to the spend): block or throttle the tenant.',
  'OPEN stays open for the rest of the period whatever later usage or corrections do, so the',
  'gateway does not flap. It HALF-OPENS at the end of the period (periodEnd) or when the tenant',
  'changes its cap: metering then compares the new spend with the cap at once, and either CLOSES',
  '(cap.cleared: let traffic through again) or stays OPEN without a new event.',
  'Removing the cap closes an open breaker (cap.cleared, cause cap-removed).',
  'The two events alternate per tenant, starting with cap.reached; each transition is published',
  "exactly once, even when usage is redelivered or replayed. Key: tenant id, so a tenant's",
  'events keep their order.',
].join(' ');

/** The tenant's spend reached its cost cap for the period: the breaker opened. */
export const capReached = defineEventContract<CapBreakerData>({
  type: 'cap.reached',
  topic: 'metering.cap.v1',
  description: `The breaker opened: block or throttle the tenant until cap.cleared. ${semantics}`,
  data,
  example: {
    period: '2026-11',
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    spend: { amount: '500.40', currency: 'USD' },
    cap: { amount: '500', currency: 'USD' },
    cause: 'usage',
  },
});

/** The tenant's breaker closed again: a new period began, or the cap was raised or removed. */
export const capCleared = defineEventContract<CapBreakerData>({
  type: 'cap.cleared',
  topic: 'metering.cap.v1',
  description: `The breaker closed: let the tenant's traffic through again. ${semantics}`,
  data,
  example: {
    period: '2026-12',
    periodStart: '2026-12-01T00:00:00.000Z',
    periodEnd: '2027-01-01T00:00:00.000Z',
    spend: { amount: '49.00', currency: 'USD' },
    cap: { amount: '500', currency: 'USD' },
    cause: 'new-period',
  },
});
