import { DomainError } from '@tenantry/problem-details';

/** 409: an event id of the source already recorded with other data. */
export class UsageEventConflictError extends DomainError {
  constructor(reason: string) {
    super({
      status: 409,
      type: 'usage-event-conflict',
      title: 'Conflicting usage event',
      detail: reason,
    });
  }
}
