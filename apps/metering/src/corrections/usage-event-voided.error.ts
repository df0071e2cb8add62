import { DomainError } from '@tenantry/problem-details';

/** A correction of a voided event: a void is final. */
export class UsageEventVoidedError extends DomainError {
  constructor(eventId: string, source: string, voidedAt: Date) {
    super({
      status: 409,
      type: 'usage-event-voided',
      title: 'Usage event voided',
      detail: `Event ${eventId} of source ${source} was voided at ${voidedAt.toISOString()}; a voided event cannot be corrected again.`,
      members: { eventId, source, voidedAt: voidedAt.toISOString() },
    });
  }
}
