import { DomainError } from '@tenantry/problem-details';

/** The plan and the cost cap would be in different currencies: spend is priced in the plan's. */
export class CurrencyMismatchError extends DomainError {
  constructor(detail: string) {
    super({ status: 422, type: 'currency-mismatch', title: 'Currency mismatch', detail });
  }
}
