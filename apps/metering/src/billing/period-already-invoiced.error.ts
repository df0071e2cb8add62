import { DomainError } from '@tenantry/problem-details';

/** A plan change taking effect in a period already invoiced: a plan never reprices a closed period. */
export class PeriodAlreadyInvoicedError extends DomainError {
  constructor(lastInvoicedPeriod: string) {
    super({
      status: 409,
      type: 'period-already-invoiced',
      title: 'Period already invoiced',
      detail: `${lastInvoicedPeriod} is invoiced; a new plan can take effect from a later period only.`,
      members: { lastInvoicedPeriod },
    });
  }
}
