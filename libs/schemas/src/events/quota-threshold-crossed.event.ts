import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { quotaPeriodFields } from './quota-period-fields';

const data = z.object({
  ...quotaPeriodFields,
  threshold: z.number().positive().meta({ description: 'fraction of the entitlement reached' }),
});

/** The data of the event below. */
export type QuotaThresholdCrossedData = z.infer<typeof data>;

/** `quota.threshold.crossed` on metering.quota.v1: at most once per tenant, meter, period and threshold. */
export const quotaThresholdCrossed = defineEventContract({
  type: 'quota.threshold.crossed',
  topic: 'metering.quota.v1',
  description: [
    "A tenant's usage of a metered quota reached a threshold in the current quota period:",
    'used ≥ threshold × entitlement, where the entitlement is the limit plus the grants active',
    'then. Thresholds are fractions (0.8 = 80 %); those above 1 warn of overage, and 1 itself',
    'is reported as quota.exhausted instead. Emitted at most once per tenant, meter, period and',
    'threshold, even under redelivery and replay: ce_id is the exactly-once key',
    '(quota.threshold.crossed/<tenant>/<meter>/<period>/<threshold>). Usage falling back below the threshold',
    '(a void, a grant) emits nothing.',
  ].join(' '),
  data,
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
