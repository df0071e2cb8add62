import { DomainError } from '@tenantry/problem-details';

/** An event id several sources used, named without `source`. */
export class AmbiguousUsageEventError extends DomainError {
  constructor(eventId: string, sources: readonly string[]) {
    super({
      status: 409,
      type: 'ambiguous-usage-event',
      title: 'Ambiguous usage event',
      detail: `${sources.length} sources used the id ${eventId}; name one with "source".`,
      members: { eventId, sources },
    });
  }
}
