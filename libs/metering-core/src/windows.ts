import { DomainError } from '@tenantry/common';
import { assertTimeZone } from './time-zone';
import type { WindowSize } from './window-size';

// Usage windows follow the tenant's local calendar, not UTC.
// - A window starts where the local wall clock reaches a whole minute, hour, midnight or the
//   first of a month. When clocks jump over such a point, the window starts at the jump.
//   So a Europe/Berlin DAY is 23 h on 2026-03-29 and 25 h on 2026-10-25, and an Asia/Kathmandu
//   (UTC+05:45) HOUR starts at hh:15 UTC.
// - When clocks go back, the repeated local hour is an HOUR window of its own (two windows both
//   labelled 02:00, with different offsets) but stays inside the same DAY.
// - Windows are unions of UTC minute buckets, so every boundary must fall on a UTC minute: true
//   for every IANA zone since 1972 (Liberia was the last with a seconds offset). Earlier
//   instants in such zones are refused rather than silently shifted.
// - A query's windows are aligned to that grid and never clipped: the first may start before
//   `from` and the last end after `to`, while only usage inside [from, to) is counted. `from`
//   and `to` must be whole UTC minutes, the resolution of the stored buckets.

/** One window of a usage query: the instants [start, end). */
export interface UsageWindow {
  readonly start: Date;
  readonly end: Date;
}

/** A usage query range the windows cannot be built for. */
export class InvalidQueryRangeError extends DomainError {
  constructor(detail: string) {
    super({ status: 400, type: 'invalid-query-range', title: 'Invalid query range', detail });
  }
}

const minuteMs = 60_000;
const minuteNs = 60_000_000_000n;

const oneUnit: Record<WindowSize, Temporal.DurationLike> = {
  MINUTE: { minutes: 1 },
  HOUR: { hours: 1 },
  DAY: { days: 1 },
  MONTH: { months: 1 },
};

/** Throws InvalidQueryRangeError unless [from, to) is an ordered range of whole UTC minutes. */
export function assertQueryRange(from: Date, to: Date): void {
  for (const [name, instant] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new InvalidQueryRangeError(`"${name}" is not a valid instant.`);
    if (ms % minuteMs !== 0) {
      throw new InvalidQueryRangeError(
        `"${name}" must be a whole minute, got ${instant.toISOString()}.`,
      );
    }
  }
  if (from.getTime() > to.getTime()) {
    throw new InvalidQueryRangeError(
      `"from" (${from.toISOString()}) is after "to" (${to.toISOString()}).`,
    );
  }
}

/** The start of the window of `size` in `timeZone` that contains `instant`. */
export function windowStart(instant: Date, size: WindowSize, timeZone: string): Date {
  assertTimeZone(timeZone);
  return toDate(startOfWindowHolding(zoned(instant, timeZone), size));
}

/** The window of `size` in `timeZone` that contains `instant`. */
export function windowContaining(instant: Date, size: WindowSize, timeZone: string): UsageWindow {
  assertTimeZone(timeZone);
  const start = startOfWindowHolding(zoned(instant, timeZone), size);
  return { start: toDate(start), end: toDate(nextWindowStart(start, size)) };
}

/** Most windows one usage query may span. */
export const maxQueryWindows = 10_000;

/**
 * The consecutive windows of `size` in `timeZone` that cover [from, to), aligned to the local
 * calendar (the first may start before `from`, the last end after `to`); none when from = to.
 * Throws InvalidQueryRangeError for more than `maxWindows` windows, without first computing
 * them all.
 */
export function windowsBetween(
  from: Date,
  to: Date,
  size: WindowSize,
  timeZone: string,
  maxWindows: number = Infinity,
): UsageWindow[] {
  assertTimeZone(timeZone);
  assertQueryRange(from, to);
  const windows: UsageWindow[] = [];
  if (from.getTime() === to.getTime()) return windows;
  const tooMany = () =>
    new InvalidQueryRangeError(
      `The query spans more than ${maxWindows} ${size} windows; ask for a shorter range or a larger windowSize.`,
    );
  // Minute windows are UTC minutes: their number is known without walking them.
  if (size === 'MINUTE' && (to.getTime() - from.getTime()) / minuteMs > maxWindows) throw tooMany();
  let start = startOfWindowHolding(zoned(from, timeZone), size);
  for (;;) {
    if (windows.length === maxWindows) throw tooMany();
    const end = nextWindowStart(start, size);
    windows.push({ start: toDate(start), end: toDate(end) });
    if (end.epochMilliseconds >= to.getTime()) return windows;
    start = end;
  }
}

/**
 * The windows a usage query answers in: windowsBetween for a `size` (at most `maxWindows`), or
 * without one the range [from, to) itself as one window; none when from = to.
 */
export function queryWindows(
  from: Date,
  to: Date,
  size: WindowSize | undefined,
  timeZone: string,
  maxWindows: number = maxQueryWindows,
): UsageWindow[] {
  if (size !== undefined) return windowsBetween(from, to, size, timeZone, maxWindows);
  assertTimeZone(timeZone);
  assertQueryRange(from, to);
  return from.getTime() === to.getTime() ? [] : [{ start: from, end: to }];
}

function zoned(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms))
    throw new RangeError('A usage window needs a valid instant, got an invalid Date');
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}

// The window boundary at or before `at`. Usually the wall-clock floor; but when the clock fell
// back and the floored wall-clock time lies before the transition (Pacific/Chatham's 02:00 on a
// day whose repeated hour is 02:45-03:45), that boundary's window ends before `at`, and the
// window holding `at` is a later one.
function startOfWindowHolding(
  at: Temporal.ZonedDateTime,
  size: WindowSize,
): Temporal.ZonedDateTime {
  let start = floorToWindow(at, size);
  for (;;) {
    const next = nextWindowStart(start, size);
    if (Temporal.ZonedDateTime.compare(next, at) > 0) return start;
    start = next;
  }
}

// Temporal keeps the instant's own offset when the floored wall-clock time exists twice, and
// moves to the end of the gap when it does not exist: exactly the boundaries described above.
function floorToWindow(at: Temporal.ZonedDateTime, size: WindowSize): Temporal.ZonedDateTime {
  switch (size) {
    case 'MINUTE':
      return onWholeMinute(at.round({ smallestUnit: 'minute', roundingMode: 'floor' }));
    case 'HOUR':
      return onWholeMinute(at.round({ smallestUnit: 'hour', roundingMode: 'floor' }));
    case 'DAY':
      return onWholeMinute(at.startOfDay());
    case 'MONTH':
      return onWholeMinute(at.toPlainDate().with({ day: 1 }).toZonedDateTime(at.timeZoneId));
  }
}

// The local grid point at or before the wall-clock time of `at`.
function wallClockFloor(at: Temporal.ZonedDateTime, size: WindowSize): Temporal.PlainDateTime {
  const local = at.toPlainDateTime();
  switch (size) {
    case 'MINUTE':
      return local.round({ smallestUnit: 'minute', roundingMode: 'floor' });
    case 'HOUR':
      return local.round({ smallestUnit: 'hour', roundingMode: 'floor' });
    case 'DAY':
      return local.toPlainDate().toPlainDateTime();
    case 'MONTH':
      return local.toPlainDate().with({ day: 1 }).toPlainDateTime();
  }
}

// Between two offset transitions the wall clock runs evenly, so the next boundary is the next
// local grid point at the current offset, unless a transition comes first: then the transition
// is a boundary if the window changes there, and the search goes on from it otherwise.
function nextWindowStart(start: Temporal.ZonedDateTime, size: WindowSize): Temporal.ZonedDateTime {
  let cursor = start;
  for (;;) {
    const nextGridPoint = wallClockFloor(cursor, size).add(oneUnit[size]);
    const candidate = Temporal.Instant.fromEpochNanoseconds(
      nextGridPoint.toZonedDateTime('UTC').epochNanoseconds - BigInt(cursor.offsetNanoseconds),
    ).toZonedDateTimeISO(cursor.timeZoneId);
    const transition = cursor.getTimeZoneTransition('next');
    if (transition === null || Temporal.ZonedDateTime.compare(candidate, transition) < 0) {
      return onWholeMinute(candidate);
    }
    if (floorToWindow(transition, size).equals(transition)) return transition;
    cursor = transition;
  }
}

function onWholeMinute(boundary: Temporal.ZonedDateTime): Temporal.ZonedDateTime {
  if (boundary.epochNanoseconds % minuteNs !== 0n) {
    throw new InvalidQueryRangeError(
      `${boundary.timeZoneId} had the offset ${boundary.offset} at ${boundary.toInstant().toString()}: ` +
        'windows need offsets of whole minutes.',
    );
  }
  return boundary;
}

function toDate(at: Temporal.ZonedDateTime): Date {
  return new Date(at.epochMilliseconds);
}
