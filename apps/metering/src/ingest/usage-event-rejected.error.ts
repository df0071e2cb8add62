import { DomainError } from '@tenantry/problem-details';

/** 422: a usage event that cannot be counted (its shape, time or meters refuse it). */
export class UsageEventRejectedError extends DomainError {
  constructor(reason: string) {
    super({
      status: 422,
      type: 'usage-event-rejected',
      title: 'Usage event rejected',
      detail: reason,
    });
  }
}
