import { classifyEventTime } from './event-time';
import { eventMeasurements, type MeterMeasurement } from './measurement';
import { catalogKnowsEventType, type MeterCatalog } from './meter-catalog';
import { payloadHash } from './payload-identity';
import { occurredAt, readUsageEvent, type UsageEvent } from './usage-event';

/** What a tenant's settings say about accepting events: how old they may be, and whether a type no meter counts is refused. */
export interface UsageAcceptance {
  readonly latenessLimitDays: number;
  readonly unknownEventTypes: 'accept' | 'reject';
}

/** An event ingestion may record: its effective time, payload hash, lateness and measurements. */
export interface AcceptedUsageEvent {
  readonly kind: 'accepted';
  readonly event: UsageEvent;
  /** When it happened (see occurredAt). */
  readonly time: Date;
  readonly hash: string;
  readonly late: boolean;
  readonly measurements: MeterMeasurement[];
}

/** An event ingestion refuses, with its id and source when they are readable. */
export interface RejectedUsageEvent {
  readonly kind: 'rejected';
  readonly id?: string;
  readonly source?: string;
  readonly reason: string;
}

/** What ingestion makes of one submitted event, before it knows whether the event is new. */
export type UsageEventVerdict = AcceptedUsageEvent | RejectedUsageEvent;

/**
 * Judges one submitted event received at `receivedAt`. The rules apply in this order and the
 * first that fails gives the reason: its shape and size (readUsageEvent); its time against
 * when it arrived (classifyEventTime with the tenant's lateness limit); every meter counting it
 * at that time must measure it (eventMeasurements); and a tenant refusing unknown types needs
 * some version of some meter to count its type.
 */
export function usageEventVerdict(
  raw: unknown,
  receivedAt: Date,
  acceptance: UsageAcceptance,
  catalog: MeterCatalog,
): UsageEventVerdict {
  const reading = readUsageEvent(raw);
  if (!reading.ok) return { kind: 'rejected', ...identityOf(raw), reason: reading.reason };
  const { event } = reading;
  const rejected = (reason: string): RejectedUsageEvent => ({
    kind: 'rejected',
    id: event.id,
    source: event.source,
    reason,
  });
  const time = occurredAt(event, receivedAt);
  const timing = classifyEventTime(time, receivedAt, {
    latenessLimitDays: acceptance.latenessLimitDays,
  });
  if (timing.kind === 'rejected') return rejected(timing.reason);

  const measured = eventMeasurements(catalog, {
    type: event.type,
    subject: event.subject,
    time,
    data: event.data,
  });
  if (measured.rejection !== undefined) return rejected(measured.rejection);
  if (acceptance.unknownEventTypes === 'reject' && !catalogKnowsEventType(catalog, event.type)) {
    return rejected(`no meter counts events of type ${event.type}`);
  }
  const hash = payloadHash({
    type: event.type,
    subject: event.subject,
    time: event.time,
    data: event.data,
  });
  const late = timing.kind === 'late';
  return { kind: 'accepted', event, time, hash, late, measurements: measured.measurements };
}

/** The id and source of an event that failed validation, when they are readable. */
function identityOf(raw: unknown): { id?: string; source?: string } {
  if (typeof raw !== 'object' || raw === null) return {};
  const { id, source } = raw as Record<string, unknown>;
  return {
    ...(typeof id === 'string' ? { id } : {}),
    ...(typeof source === 'string' ? { source } : {}),
  };
}
