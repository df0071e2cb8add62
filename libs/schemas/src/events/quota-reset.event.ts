import { z } from 'zod';
import { defineEventContract } from '../event-contract';

/** A quota period began for a meter whose previous period reached a threshold. */
export interface QuotaResetData {
  tenantId: string;
  meterKey: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  previousPeriodId: string;
  used: string;
  entitlement: string;
  enforcement: 'soft' | 'hard';
}

const decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected a decimal string');

/** `quota.reset` on metering.quota.v1: at most once per tenant, meter and period. */
export const quotaReset = defineEventContract<QuotaResetData>({
  type: 'quota.reset',
  topic: 'metering.quota.v1',
  description: [
    'Usage of a metered quota counts from zero again: the first usage of a new quota period',
    'arrived for a meter whose previous period emitted quota.threshold.crossed or',
    'quota.exhausted. A gateway that blocked the meter for the previous period unblocks it',
    '(it may also do so at the previous periodEnd without waiting for this event). Emitted',
    'before any threshold event of the new period, at most once per tenant, meter and period,',
    'even under redelivery and replay: ce_id is the exactly-once key',
    '(quota:<tenant>:<meter>:<period>:reset).',
  ].join(' '),
  data: z.object({
    tenantId: z.string().meta({ description: 'tenant whose quota it is' }),
    meterKey: z.string().meta({ description: 'meter the quota limits' }),
    periodId: z
      .string()
      .meta({ description: "the new quota period: 'YYYY-MM' or 'YYYY-MM-DD', tenant's time zone" }),
    periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
    periodEnd: z.iso.datetime().meta({ description: 'end of the period, exclusive (UTC)' }),
    previousPeriodId: z.string().meta({ description: 'the period that reached a threshold' }),
    used: decimal.meta({ description: 'usage of the new period so far' }),
    entitlement: decimal.meta({ description: 'limit plus active grants, a decimal string' }),
    enforcement: z.enum(['soft', 'hard']).meta({ description: 'the quota enforcement' }),
  }),
  example: {
    tenantId: 'acme',
    meterKey: 'tokens',
    periodId: '2026-04',
    periodStart: '2026-03-31T22:00:00.000Z',
    periodEnd: '2026-04-30T22:00:00.000Z',
    previousPeriodId: '2026-03',
    used: '1200',
    entitlement: '1000000',
    enforcement: 'hard',
  },
});
