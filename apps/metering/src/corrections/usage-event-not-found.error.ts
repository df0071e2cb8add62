import { DomainError } from '@tenantry/problem-details';

/** No stored usage event has the id (of `source`, when given). */
export class UsageEventNotFoundError extends DomainError {
  constructor(eventId: string, source: string | undefined) {
    super({
      status: 404,
      type: 'usage-event-not-found',
      title: 'Usage event not found',
      detail:
        source === undefined
          ? `No usage event has the id ${eventId}.`
          : `No usage event of source ${source} has the id ${eventId}.`,
      members: { eventId, ...(source === undefined ? {} : { source }) },
    });
  }
}
