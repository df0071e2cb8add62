import { canonicalJson } from '@tenantry/common';
import { minuteBucketStart } from './event-time';
import type { CompiledMeter } from './meter';
import { metersCounting, type MeterCatalog, type MeterVersion } from './meter-catalog';
import {
  usageDecimalString,
  maxUsageFractionDigits,
  maxUsageIntegerDigits,
  readUsageValue,
} from './usage-value';

/** What one event adds to one meter's minute bucket. */
export interface Measurement {
  kind: 'measured';
  meterKey: string;
  /** Start of the UTC minute of the event's time. */
  bucketStart: Date;
  /** The event's subject; '' when it has none. */
  subject: string;
  /** Canonical JSON of the group values by group name (missing → null); '{}' without groupBy. */
  groupKey: string;
  /**
   * Canonical decimal string for numeric aggregations, '1' for COUNT, and for UNIQUE_COUNT
   * the canonical JSON of the value (so the number 1 and the string "1" are distinct).
   */
  value: string;
}

/** An event the meter does not count: another type, or filtered out. Not an error. */
export interface MeasurementSkip {
  kind: 'skipped';
  meterKey: string;
  reason: 'other-event-type' | 'filtered-out';
}

/** An event the meter should count but cannot: the event is to be rejected with this reason. */
export interface MeasurementRejection {
  kind: 'rejected';
  meterKey: string;
  reason: string;
}

/** The event fields a meter reads; `time` is the effective time (see occurredAt). */
export interface MeasuredEvent {
  type: string;
  subject?: string | undefined;
  time: Date;
  data: unknown;
}

/**
 * Applies a meter to one event. Numeric aggregations (SUM, AVG, MIN, MAX, LATEST) accept a
 * JSON number or a decimal string such as "12.50" (see readNumber); a missing value, or any
 * other kind, rejects the event rather than counting it as zero. Group values must be
 * strings, numbers, booleans or null.
 */
export function measure(
  meter: CompiledMeter,
  event: MeasuredEvent,
): Measurement | MeasurementSkip | MeasurementRejection {
  const meterKey = meter.key;
  if (event.type !== meter.eventType)
    return { kind: 'skipped', meterKey, reason: 'other-event-type' };
  if (!meter.matches(event.data)) return { kind: 'skipped', meterKey, reason: 'filtered-out' };

  const group: Record<string, unknown> = {};
  for (const { name, path, read } of meter.groupBy) {
    const value = read(event.data) ?? null;
    if (value !== null && !isJsonScalar(value)) {
      return {
        kind: 'rejected',
        meterKey,
        reason: `group-by value at ${path} is not a string, number, boolean or null`,
      };
    }
    group[name] = value;
  }

  const value = measuredValue(meter, event.data);
  if (!value.ok) return { kind: 'rejected', meterKey, reason: value.reason };
  return {
    kind: 'measured',
    meterKey,
    bucketStart: minuteBucketStart(event.time),
    subject: event.subject ?? '',
    groupKey: canonicalJson(group),
    value: value.value,
  };
}

/** What one event adds to one meter, in the meter's version at the event time. */
export interface MeterMeasurement {
  measurement: Measurement;
  meter: MeterVersion;
}

/**
 * Measures one event with every meter of the catalog counting it at its time (metersCounting):
 * what each adds, and why, if one should count it but cannot, the event is to be rejected (the
 * first such meter's reason). Ingestion, amendments and bucket rebuilds all measure this way.
 */
export function eventMeasurements(
  catalog: MeterCatalog,
  event: MeasuredEvent,
): { measurements: MeterMeasurement[]; rejection?: string } {
  const measurements: MeterMeasurement[] = [];
  let rejection: string | undefined;
  for (const meter of metersCounting(catalog, event.type, event.time)) {
    const measured = measure(meter.meter, event);
    if (measured.kind === 'rejected') rejection ??= `meter ${meter.key}: ${measured.reason}`;
    if (measured.kind === 'measured') measurements.push({ measurement: measured, meter });
  }
  return rejection === undefined ? { measurements } : { measurements, rejection };
}

function measuredValue(
  meter: CompiledMeter,
  data: unknown,
): { ok: true; value: string } | { ok: false; reason: string } {
  if (meter.value === undefined) return { ok: true, value: '1' };
  const { path, read } = meter.value;
  const raw = read(data);
  if (raw === undefined) return { ok: false, reason: `value at ${path} is missing` };
  if (meter.aggregation === 'UNIQUE_COUNT') {
    return isJsonScalar(raw)
      ? { ok: true, value: canonicalJson(raw) }
      : { ok: false, reason: `value at ${path} is not a string, number or boolean` };
  }
  const number = readUsageValue(raw);
  if (number.ok) return { ok: true, value: usageDecimalString(number.value) };
  return {
    ok: false,
    reason:
      number.problem === 'not-a-number'
        ? `value at ${path} is not a number`
        : `value at ${path} is out of range (at most ${maxUsageIntegerDigits} integer and ${maxUsageFractionDigits} fractional digits)`,
  };
}

function isJsonScalar(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
