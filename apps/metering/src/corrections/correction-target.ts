import { AmbiguousUsageEventError } from './ambiguous-usage-event.error';
import { UsageEventNotFoundError } from './usage-event-not-found.error';
import { UsageEventVoidedError } from './usage-event-voided.error';

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
  if (target === undefined) throw new UsageEventNotFoundError(eventId, source);
  if (others.length > 0) {
    throw new AmbiguousUsageEventError(eventId, named.map((candidate) => candidate.source).sort());
  }
  if (target.voidedAt !== null) {
    throw new UsageEventVoidedError(eventId, target.source, target.voidedAt);
  }
  return target;
}
