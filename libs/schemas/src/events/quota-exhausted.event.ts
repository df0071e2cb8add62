import { z } from 'zod';
import { defineEventContract } from '../event-contract';

/** A quota's usage reached its whole entitlement in a period. */
export interface QuotaExhaustedData {
  tenantId: string;
  meterKey: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  threshold: 1;
  used: string;
  entitlement: string;
  enforcement: 'soft' | 'hard';
}

const decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected a decimal string');

/** `quota.exhausted` on metering.quota.v1: at most once per tenant, meter and period. */
export const quotaExhausted = defineEventContract<QuotaExhaustedData>({
  type: 'quota.exhausted',
  topic: 'metering.quota.v1',
  description: [
    "A tenant's usage of a metered quota reached its whole entitlement (the limit plus the",
    'grants active then) in the quota period; a zero entitlement is exhausted by the first',
    'usage. With enforcement "hard" the gateway refuses further requests on the meter until',
    'periodEnd (a quota.reset follows when usage arrives in the next period) or until a grant',
    'or a raised limit makes room (see GET /v1/quotas/{meterKey}/balance). Emitted at most once',
    'per tenant, meter and period, even under redelivery and replay: ce_id is the exactly-once',
    'key (quota:<tenant>:<meter>:<period>:1).',
  ].join(' '),
  data: z.object({
    tenantId: z.string().meta({ description: 'tenant whose quota it is' }),
    meterKey: z.string().meta({ description: 'meter the quota limits' }),
    periodId: z
      .string()
      .meta({ description: "quota period: 'YYYY-MM' or 'YYYY-MM-DD' in the tenant's time zone" }),
    periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
    periodEnd: z.iso.datetime().meta({ description: 'end of the period, exclusive (UTC)' }),
    threshold: z.literal(1).meta({ description: 'the whole entitlement' }),
    used: decimal.meta({ description: 'usage of the period when it was exhausted' }),
    entitlement: decimal.meta({ description: 'limit plus active grants, a decimal string' }),
    enforcement: z
      .enum(['soft', 'hard'])
      .meta({ description: 'hard: the gateway refuses requests on the meter' }),
  }),
  example: {
    tenantId: 'acme',
    meterKey: 'tokens',
    periodId: '2026-03',
    periodStart: '2026-02-28T23:00:00.000Z',
    periodEnd: '2026-03-31T22:00:00.000Z',
    threshold: 1,
    used: '1000004',
    entitlement: '1000000',
    enforcement: 'hard',
  },
});
