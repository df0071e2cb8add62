import type { BillingPeriod } from '@tenantry/metering-core';
import { DomainError } from '@tenantry/problem-details';

/** Closing a billing period before its end. */
export class PeriodNotEndedError extends DomainError {
  constructor(period: BillingPeriod) {
    super({
      status: 422,
      type: 'period-not-ended',
      title: 'Period not ended',
      detail: `${period.id} ends at ${period.end.toISOString()}; it can be closed from then on.`,
      members: { periodEnd: period.end.toISOString() },
    });
  }
}
