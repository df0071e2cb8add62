import { DomainError } from '@tenantry/problem-details';

/** A reference request that yields no rows to fit. */
export class EmptyReferenceError extends DomainError {
  constructor(detail: string) {
    super({ status: 422, type: 'empty-reference', title: 'No rows to fit a reference', detail });
  }
}
