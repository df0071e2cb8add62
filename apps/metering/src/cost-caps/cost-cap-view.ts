import { costCapSchema } from '@tenantry/metering-core';
import { z } from 'zod';
import type { CapStatus } from './cap-breaker';

/** The cost cap as the API shows it: the cap, the current billing period, the breaker and the spend. */
export const costCapViewSchema = z.object({
  cap: costCapSchema,
  period: z.object({ id: z.string(), start: z.iso.datetime(), end: z.iso.datetime() }),
  state: z.enum(['closed', 'open']).describe('open: the gateway blocks the tenant'),
  spend: z
    .object({ amount: z.string(), currency: z.string() })
    .describe("the period's usage charges and fixed fees so far, in the plan's currency"),
});

/** The cost cap as the API shows it. */
export type CostCapView = z.output<typeof costCapViewSchema>;

export function costCapView(status: CapStatus): CostCapView {
  return {
    cap: status.cap,
    period: {
      id: status.period.id,
      start: status.period.start.toISOString(),
      end: status.period.end.toISOString(),
    },
    state: status.state,
    spend: status.spend,
  };
}
