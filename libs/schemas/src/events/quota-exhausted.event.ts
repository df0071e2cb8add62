import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { quotaPeriodFields } from './quota-period-fields';

const data = z.object({
  ...quotaPeriodFields,
  threshold: z.literal(1).meta({ description: 'the whole entitlement' }),
});

/** The data of the event below. */
export type QuotaExhaustedData = z.infer<typeof data>;

/** `quota.exhausted` on metering.quota.v1: at most once per tenant, meter and period. */
export const quotaExhausted = defineEventContract({
  type: 'quota.exhausted',
  topic: 'metering.quota.v1',
  description: [
    "A tenant's usage of a metered quota reached its whole entitlement (the limit plus the",
    'grants active then) in the quota period; a zero entitlement is exhausted by the first',
    'usage. With enforcement "hard" the gateway refuses further requests on the meter until',
    'periodEnd (a quota.reset follows when usage arrives in the next period) or until a grant',
    'or a raised limit makes room (see GET /v1/quotas/{meterKey}/balance). Emitted at most once',
    'per tenant, meter and period, even under redelivery and replay: ce_id is the exactly-once',
    'key (quota.exhausted/<tenant>/<meter>/<period>/1).',
  ].join(' '),
  data,
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
