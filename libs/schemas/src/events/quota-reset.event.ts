import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { quotaPeriodFields } from './quota-period-fields';

const data = z.object({
  ...quotaPeriodFields,
  previousPeriodId: z.string().meta({ description: 'the period that reached a threshold' }),
});

/** The data of the event below. */
export type QuotaResetData = z.infer<typeof data>;

/** `quota.reset` on metering.quota.v1: at most once per tenant, meter and period. */
export const quotaReset = defineEventContract({
  type: 'quota.reset',
  topic: 'metering.quota.v1',
  description: [
    'Usage of a metered quota counts from zero again: the first usage of a new quota period',
    'arrived for a meter whose previous period emitted quota.threshold.crossed or',
    'quota.exhausted. A gateway that blocked the meter for the previous period unblocks it',
    '(it may also do so at the previous periodEnd without waiting for this event). Emitted',
    'before any threshold event of the new period, at most once per tenant, meter and period,',
    'even under redelivery and replay: ce_id is the exactly-once key',
    '(quota.reset/<tenant>/<meter>/<period>).',
  ].join(' '),
  data,
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
