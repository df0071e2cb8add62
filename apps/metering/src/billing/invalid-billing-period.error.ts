import { DomainError } from '@tenantry/problem-details';

/** A billing period in a path that is not a month (YYYY-MM). */
export class InvalidBillingPeriodError extends DomainError {
  constructor(given: string) {
    super({
      status: 400,
      type: 'invalid-billing-period',
      title: 'Invalid billing period',
      detail: `"${given}" is not a billing period: name a month as YYYY-MM, e.g. 2026-03.`,
    });
  }
}
