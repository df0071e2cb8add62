import { z } from 'zod';
import { defineEventContract } from '../event-contract';

/** A quota's usage reached a warning threshold (a fraction of the entitlement other than 1) in a period. */
export interface QuotaThresholdCrossedData {
  tenantId: string;
  meterKey: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  threshold: number;
  used: string;
  entitlement: string;
  enforcement: 'soft' | 'hard';
}

const decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected a decimal string');

/** `quota.threshold.crossed` on metering.quota.v1: at most once per tenant, meter, period and threshold. */
export const quotaThresholdCrossed = defineEventContract<QuotaThresholdCrossedData>({
  type: 'quota.threshold.crossed',
  topic: 'metering.quota.v1',
  description: [
    "A tenant's usage of a metered quota reached a threshold in the current quota period:",
    'used ≥ threshold × entitlement, where the entitlement is the limit plus the grants active',
    'then. Thresholds are fractions (0.8 = 80 %); those above 1 warn of overage, and 1 itself',
    'is reported as quota.exhausted instead. Emitted at most once per tenant, meter, period and',
    'threshold, even under redelivery and replay: ce_id is the exactly-once key',
    '(quota:<tenant>:<meter>:<period>:<threshold>). Usage falling back below the threshold',
    '(a void, a grant) emits nothing.',
  ].join(' '),
  data: z.object({
    tenantId: z.string().meta({ description: 'tenant whose quota it is' }),
    meterKey: z.string().meta({ description: 'meter the quota limits' }),
    periodId: z
      .string()
      .meta({ description: "quota period: 'YYYY-MM' or 'YYYY-MM-DD' in the tenant's time zone" }),
    periodStart: z.iso.datetime().meta({ description: 'first instant of the period (UTC)' }),
    periodEnd: z.iso.datetime().meta({ description: 'end of the period, exclusive (UTC)' }),
    threshold: z.number().positive().meta({ description: 'fraction of the entitlement reached' }),
    used: decimal.meta({ description: 'usage of the period when the threshold was reached' }),
    entitlement: decimal.meta({ description: 'limit plus active grants, a decimal string' }),
    enforcement: z
      .enum(['soft', 'hard'])
      .meta({ description: 'hard: the gateway refuses requests once the quota is exhausted' }),
  }),
  example: {
    tenantId: 'acme',
    meterKey: 'tokens',
    periodId: '2026-03',
    periodStart: '2026-02-28T23:00:00.000Z',
    periodEnd: '2026-03-31T22:00:00.000Z',
    threshold: 0.8,
    used: '800250',
    entitlement: '1000000',
    enforcement: 'hard',
  },
});
