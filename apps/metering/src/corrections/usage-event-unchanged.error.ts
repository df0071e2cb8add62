import { DomainError } from '@tenantry/problem-details';

/** 409: an amendment that would leave the stored event as it is. */
export class UsageEventUnchangedError extends DomainError {
  constructor(eventId: string, source: string) {
    super({
      status: 409,
      type: 'usage-event-unchanged',
      title: 'Usage event unchanged',
      detail: `event ${eventId} of source ${source} already has this data`,
      members: { eventId, source },
    });
  }
}
