import { z } from 'zod';

/** A decimal string such as "1000" or "12.5": usage never travels as a float. */
export const decimalString = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected a decimal string');

/** The fields every metering.quota.v1 event carries: whose quota, which period, how far. */
export const quotaPeriodFields = {
  tenantId: z.string().meta({ description: 'tenant whose quota it is' }),
  meterKey: z.string().meta({ description: 'meter the quota limits' }),
  periodId: z
    .string()
    .meta({ description: "quota period: 'YYYY-MM' or 'YYYY-MM-DD' in the tenant's time zone" }),
  periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
  periodEnd: z.iso.datetime().meta({ description: 'end of the period, exclusive (UTC)' }),
  used: decimalString.meta({ description: 'usage of the period when the event was emitted' }),
  entitlement: decimalString.meta({ description: 'limit plus active grants, a decimal string' }),
  enforcement: z
    .enum(['soft', 'hard'])
    .meta({ description: 'hard: the gateway refuses requests on the meter once exhausted' }),
};
