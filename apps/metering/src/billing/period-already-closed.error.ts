import { DomainError } from '@tenantry/problem-details';
import type { FinalizedInvoice } from './finalized-invoices';

/** Closing a billing period whose invoice is final already. */
export class PeriodAlreadyClosedError extends DomainError {
  constructor(finalized: FinalizedInvoice) {
    super({
      status: 409,
      type: 'period-already-closed',
      title: 'Period already closed',
      detail: `${finalized.periodId} was closed at ${finalized.finalizedAt} by ${finalized.finalizedBy}; its invoice is final.`,
      members: { finalizedAt: finalized.finalizedAt },
    });
  }
}
