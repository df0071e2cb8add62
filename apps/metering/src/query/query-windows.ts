import {
  assertQueryRange,
  assertTimeZone,
  InvalidQueryRangeError,
  windowContaining,
  type UsageWindow,
  type WindowSize,
} from '@tenantry/metering-core';

/** Most windows one usage query may span. */
export const maxQueryWindows = 10_000;

const minuteMs = 60_000;

/**
 * The windows a usage query answers in: those of `size` in `timeZone` covering [from, to)
 * (as rollUp forms them), or without a size the range itself as one window; none when
 * from = to. Throws InvalidQueryRangeError (400) for more than `maxWindows` windows, without
 * first computing them all.
 */
export function queryWindows(
  from: Date,
  to: Date,
  size: WindowSize | undefined,
  timeZone: string,
  maxWindows: number = maxQueryWindows,
): UsageWindow[] {
  assertTimeZone(timeZone);
  assertQueryRange(from, to);
  if (from.getTime() === to.getTime()) return [];
  if (size === undefined) return [{ start: from, end: to }];
  const tooMany = () =>
    new InvalidQueryRangeError(
      `The query spans more than ${maxWindows} ${size} windows; ask for a shorter range or a larger windowSize.`,
    );
  // Minute windows are UTC minutes: their number is known without walking them.
  if (size === 'MINUTE' && (to.getTime() - from.getTime()) / minuteMs > maxWindows) throw tooMany();
  const windows: UsageWindow[] = [];
  for (
    let window = windowContaining(from, size, timeZone);
    window.start.getTime() < to.getTime();
    window = windowContaining(window.end, size, timeZone)
  ) {
    if (windows.length === maxWindows) throw tooMany();
    windows.push(window);
  }
  return windows;
}
