import { DomainError } from '@tenantry/problem-details';

/**
 * The one stored event a correction of `eventId` names among the events with that id (of
 * every source, or of `source` when given): 404 when none, 409 listing the sources when the
 * id alone is ambiguous, 409 when the event is already voided.
 */
export function correctionTarget<T extends { source: string; voidedAt: Date | null }>(
  candidates: readonly T[],
  eventId: string,
  source: string | undefined,
): T {
  const named = source === undefined ? candidates : candidates.filter((c) => c.source === source);
  const [target, ...others] = named;
  if (target === undefined) throw usageEventNotFound(eventId, source);
  if (others.length > 0) {
    const sources = named.map((candidate) => candidate.source).sort();
    throw new DomainError({
      status: 409,
      type: 'ambiguous-usage-event',
      title: 'Ambiguous usage event',
      detail: `${sources.length} sources used the id ${eventId}; name one with "source"`,
      members: { eventId, sources },
    });
  }
  if (target.voidedAt !== null) {
    throw new DomainError({
      status: 409,
      type: 'usage-event-voided',
      title: 'Usage event voided',
      detail: `event ${eventId} of source ${target.source} was voided at ${target.voidedAt.toISOString()}; a voided event cannot be corrected again`,
      members: { eventId, source: target.source, voidedAt: target.voidedAt.toISOString() },
    });
  }
  return target;
}

/** The 404 for an event id (of `source` when given) that no stored usage event has. */
export function usageEventNotFound(eventId: string, source: string | undefined): DomainError {
  return new DomainError({
    status: 404,
    type: 'usage-event-not-found',
    title: 'Usage event not found',
    detail:
      source === undefined
        ? `no usage event has the id ${eventId}`
        : `no usage event of source ${source} has the id ${eventId}`,
    members: { eventId, ...(source === undefined ? {} : { source }) },
  });
}
