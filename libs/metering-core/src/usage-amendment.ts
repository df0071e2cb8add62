import { eventMeasurements, type MeterMeasurement } from './measurement';
import type { MeterCatalog } from './meter-catalog';
import { canonicalJson } from '@tenantry/common';
import { readUsageEvent } from './usage-event';

/** A recorded usage event as a correction finds it; `time` is its effective time. */
export interface RecordedUsageEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string | undefined;
  readonly time: Date;
  readonly data: unknown;
}

/** What an amendment of a recorded event's data comes to. */
export type AmendmentVerdict =
  /** The new data stands; the measurements are what the amended event counts in now. */
  | { readonly kind: 'amended'; readonly measurements: MeterMeasurement[] }
  /** Ingestion would have rejected the event carrying the new data, for `reason`. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** The new data is the recorded data (key order aside): nothing to amend. */
  | { readonly kind: 'unchanged' };

/**
 * Judges replacing the data of `recorded` with `data`. The event carrying the new data must
 * pass what ingestion checks of it, in ingestion's order: its shape and size (readUsageEvent),
 * then every meter counting it at its time (eventMeasurements). Its time and type stay as
 * recorded, so the time and unknown-type rules are not asked again. Data equal to the recorded
 * data in canonical JSON changes nothing.
 */
export function amendmentVerdict(
  recorded: RecordedUsageEvent,
  data: Record<string, unknown>,
  catalog: MeterCatalog,
): AmendmentVerdict {
  const reading = readUsageEvent({
    id: recorded.id,
    source: recorded.source,
    type: recorded.type,
    ...(recorded.subject === undefined ? {} : { subject: recorded.subject }),
    time: recorded.time.toISOString(),
    data,
  });
  if (!reading.ok) return { kind: 'rejected', reason: reading.reason };
  const measured = eventMeasurements(catalog, {
    type: recorded.type,
    subject: recorded.subject,
    time: recorded.time,
    data,
  });
  if (measured.rejection !== undefined) return { kind: 'rejected', reason: measured.rejection };
  if (canonicalJson(data) === canonicalJson(recorded.data)) return { kind: 'unchanged' };
  return { kind: 'amended', measurements: measured.measurements };
}
