import fc from 'fast-check';
import { InvalidTimeZoneError } from './time-zone';
import type { WindowSize } from './window-size';
import {
  InvalidQueryRangeError,
  queryWindows,
  windowContaining,
  windowStart,
  windowsBetween,
  type UsageWindow,
} from './windows';

const at = (iso: string) => new Date(iso);
const hours = (window: UsageWindow) => (window.end.getTime() - window.start.getTime()) / 3_600_000;
const iso = (windows: UsageWindow[]) =>
  windows.map(({ start, end }) => [start.toISOString(), end.toISOString()]);

describe('usage windows', () => {
  describe('DAY across daylight saving time in Europe/Berlin', () => {
    it('makes the day clocks go forward 23 hours long', () => {
      const day = windowContaining(at('2026-03-29T12:00:00Z'), 'DAY', 'Europe/Berlin');
      expect(day).toEqual({ start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T22:00:00Z') });
      expect(hours(day)).toBe(23);
    });

    it('makes the day clocks go back 25 hours long', () => {
      const day = windowContaining(at('2026-10-25T12:00:00Z'), 'DAY', 'Europe/Berlin');
      expect(day).toEqual({ start: at('2026-10-24T22:00:00Z'), end: at('2026-10-25T23:00:00Z') });
      expect(hours(day)).toBe(25);
    });

    it('lists the days around the change at local midnight', () => {
      const days = windowsBetween(
        at('2026-03-28T00:00:00Z'),
        at('2026-03-30T00:00:00Z'),
        'DAY',
        'Europe/Berlin',
      );
      expect(iso(days)).toEqual([
        ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
        ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
        ['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
      ]);
      expect(days.map(hours)).toEqual([24, 23, 24]);
    });
  });

  describe('HOUR across daylight saving time in Europe/Berlin', () => {
    it('skips the local hour that does not exist when clocks go forward', () => {
      const windows = windowsBetween(
        at('2026-03-29T00:00:00Z'),
        at('2026-03-29T03:00:00Z'),
        'HOUR',
        'Europe/Berlin',
      );
      // Local 01:00 CET, then 03:00 CEST: 02:00 never happens.
      expect(iso(windows)).toEqual([
        ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
        ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
        ['2026-03-29T02:00:00.000Z', '2026-03-29T03:00:00.000Z'],
      ]);
    });

    it('gives the repeated local hour its own window when clocks go back', () => {
      const windows = windowsBetween(
        at('2026-10-24T23:00:00Z'),
        at('2026-10-25T03:00:00Z'),
        'HOUR',
        'Europe/Berlin',
      );
      // Local 01:00 CEST, 02:00 CEST, 02:00 CET, 03:00 CET: four one-hour windows.
      expect(windows).toHaveLength(4);
      expect(windows.map(hours)).toEqual([1, 1, 1, 1]);
      expect(windowStart(at('2026-10-25T00:59:00Z'), 'HOUR', 'Europe/Berlin')).toEqual(
        at('2026-10-25T00:00:00Z'),
      );
      expect(windowStart(at('2026-10-25T01:59:00Z'), 'HOUR', 'Europe/Berlin')).toEqual(
        at('2026-10-25T01:00:00Z'),
      );
    });
  });

  describe('HOUR in time zones with half and three-quarter hour offsets', () => {
    it('starts Asia/Kolkata (UTC+05:30) hours at half past the UTC hour', () => {
      expect(windowContaining(at('2026-01-15T10:10:00Z'), 'HOUR', 'Asia/Kolkata')).toEqual({
        start: at('2026-01-15T09:30:00Z'),
        end: at('2026-01-15T10:30:00Z'),
      });
    });

    it('starts Asia/Kathmandu (UTC+05:45) hours at a quarter past the UTC hour', () => {
      expect(windowContaining(at('2026-01-15T10:10:00Z'), 'HOUR', 'Asia/Kathmandu')).toEqual({
        start: at('2026-01-15T09:15:00Z'),
        end: at('2026-01-15T10:15:00Z'),
      });
    });

    it('starts a window at the jump when clocks skip half an hour (Australia/Lord_Howe)', () => {
      // 2026-10-04 02:00 LHST (+10:30) becomes 02:30 LHDT (+11:00) at 15:30 UTC.
      const windows = windowsBetween(
        at('2026-10-03T14:30:00Z'),
        at('2026-10-03T17:00:00Z'),
        'HOUR',
        'Australia/Lord_Howe',
      );
      expect(iso(windows)).toEqual([
        ['2026-10-03T14:30:00.000Z', '2026-10-03T15:30:00.000Z'],
        ['2026-10-03T15:30:00.000Z', '2026-10-03T16:00:00.000Z'],
        ['2026-10-03T16:00:00.000Z', '2026-10-03T17:00:00.000Z'],
      ]);
    });

    it('finds the window of an instant in a repeated hour that starts off the hour (Pacific/Chatham)', () => {
      // 1980-03-02 03:45 +13:45 fell back to 02:45 +12:45 at 14:00 UTC: local 02:00 came only
      // once (12:15 UTC), so 14:00 UTC belongs to the window that began at 03:00 +13:45.
      const instant = at('1980-03-01T14:00:00Z');
      expect(windowStart(instant, 'HOUR', 'Pacific/Chatham')).toEqual(at('1980-03-01T13:15:00Z'));
      expect(windowContaining(instant, 'HOUR', 'Pacific/Chatham')).toEqual({
        start: at('1980-03-01T13:15:00Z'),
        end: at('1980-03-01T14:15:00Z'),
      });
      expect(
        iso(windowsBetween(instant, at('1980-03-01T14:01:00Z'), 'HOUR', 'Pacific/Chatham')),
      ).toEqual([['1980-03-01T13:15:00.000Z', '1980-03-01T14:15:00.000Z']]);
    });
  });

  describe('MONTH', () => {
    it('runs from local midnight on the first to local midnight on the next first', () => {
      expect(windowContaining(at('2026-03-15T00:00:00Z'), 'MONTH', 'Europe/Berlin')).toEqual({
        start: at('2026-02-28T23:00:00Z'),
        end: at('2026-03-31T22:00:00Z'),
      });
    });

    it('counts 29 days in a leap February and crosses the year end', () => {
      const months = windowsBetween(
        at('2027-12-01T00:00:00Z'),
        at('2028-03-01T00:00:00Z'),
        'MONTH',
        'UTC',
      );
      expect(iso(months)).toEqual([
        ['2027-12-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z'],
        ['2028-01-01T00:00:00.000Z', '2028-02-01T00:00:00.000Z'],
        ['2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
      ]);
      expect(hours(months[2]!)).toBe(29 * 24);
    });

    it('puts the last hours of a UTC month into the next local month east of UTC', () => {
      expect(windowStart(at('2026-04-30T23:30:00Z'), 'MONTH', 'Asia/Tokyo')).toEqual(
        at('2026-04-30T15:00:00Z'),
      );
    });
  });

  describe('range alignment', () => {
    it('aligns the first and last windows to the grid instead of clipping them at from and to', () => {
      expect(
        iso(windowsBetween(at('2026-05-10T10:17:00Z'), at('2026-05-10T12:01:00Z'), 'HOUR', 'UTC')),
      ).toEqual([
        ['2026-05-10T10:00:00.000Z', '2026-05-10T11:00:00.000Z'],
        ['2026-05-10T11:00:00.000Z', '2026-05-10T12:00:00.000Z'],
        ['2026-05-10T12:00:00.000Z', '2026-05-10T13:00:00.000Z'],
      ]);
    });

    it('has no windows for an empty range', () => {
      expect(
        windowsBetween(at('2026-05-10T10:00:00Z'), at('2026-05-10T10:00:00Z'), 'DAY', 'UTC'),
      ).toEqual([]);
    });

    it('refuses a range that ends before it starts', () => {
      expect(() =>
        windowsBetween(at('2026-05-10T10:00:00Z'), at('2026-05-10T09:00:00Z'), 'DAY', 'UTC'),
      ).toThrow(InvalidQueryRangeError);
    });

    it('refuses a range that is not on whole minutes', () => {
      expect(() =>
        windowsBetween(at('2026-05-10T10:00:30Z'), at('2026-05-10T11:00:00Z'), 'HOUR', 'UTC'),
      ).toThrow(/"from" must be a whole minute/);
    });

    it('refuses an instant whose offset has seconds (Africa/Monrovia before 1972)', () => {
      expect(() => windowStart(at('1970-06-01T12:00:00Z'), 'HOUR', 'Africa/Monrovia')).toThrow(
        InvalidQueryRangeError,
      );
    });
  });

  describe('the windows of a usage query', () => {
    it('are the local calendar windows covering the range', () => {
      const from = at('2026-03-28T22:00:00Z');
      const to = at('2026-03-30T01:00:00Z');
      expect(queryWindows(from, to, 'DAY', 'Europe/Berlin')).toEqual(
        windowsBetween(from, to, 'DAY', 'Europe/Berlin'),
      );
      expect(iso(queryWindows(from, to, 'DAY', 'Europe/Berlin'))).toEqual([
        ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
        ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
        ['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
      ]);
    });

    it('make the whole range one window without a size', () => {
      const from = at('2026-03-01T00:00:00Z');
      const to = at('2026-04-01T00:00:00Z');
      expect(queryWindows(from, to, undefined, 'UTC')).toEqual([{ start: from, end: to }]);
    });

    it('are none for an empty range, with or without a size', () => {
      const at0 = at('2026-03-01T00:00:00Z');
      expect(queryWindows(at0, at0, 'DAY', 'UTC')).toEqual([]);
      expect(queryWindows(at0, at0, undefined, 'UTC')).toEqual([]);
    });

    it('refuse more windows than the cap, however long the range', () => {
      // A hundred years from local midnight on 1 January 1990 in Berlin.
      const from = at('1989-12-31T23:00:00Z');
      const to = at('2089-12-31T23:00:00Z');
      for (const size of ['MINUTE', 'HOUR', 'DAY'] as const) {
        expect(() => queryWindows(from, to, size, 'Europe/Berlin')).toThrow(InvalidQueryRangeError);
      }
      expect(queryWindows(from, to, 'MONTH', 'Europe/Berlin')).toHaveLength(1200);
      expect(queryWindows(from, to, 'MONTH', 'Europe/Berlin', 1200)).toHaveLength(1200);
      expect(() => queryWindows(from, to, 'MONTH', 'Europe/Berlin', 1199)).toThrow(
        /more than 1199 MONTH windows/,
      );
    });

    it('count minute windows exactly at the cap', () => {
      const from = at('2026-03-01T00:00:00Z');
      const to = at('2026-03-01T01:00:00Z');
      expect(queryWindows(from, to, 'MINUTE', 'UTC', 60)).toHaveLength(60);
      expect(() => queryWindows(from, to, 'MINUTE', 'UTC', 59)).toThrow(
        /more than 59 MINUTE windows/,
      );
    });

    it('leave windowsBetween uncapped unless it is given a cap', () => {
      const from = at('2026-01-01T00:00:00Z');
      const to = at('2026-01-08T00:00:00Z');
      expect(windowsBetween(from, to, 'MINUTE', 'UTC')).toHaveLength(7 * 1440);
      expect(windowsBetween(from, to, 'DAY', 'UTC', 7)).toHaveLength(7);
      expect(() => windowsBetween(from, to, 'DAY', 'UTC', 6)).toThrow(InvalidQueryRangeError);
    });

    it('are the uncapped windows when they fit under the cap, and refused when they do not', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 * 366 * 1440 }),
          fc.integer({ min: 0, max: 3 * 1440 }),
          fc.constantFrom<WindowSize>('MINUTE', 'HOUR', 'DAY', 'MONTH'),
          fc.constantFrom('Europe/Berlin', 'UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
          fc.integer({ min: 0, max: 80 }),
          (startMinute, lengthMinutes, size, timeZone, cap) => {
            const from = new Date(Date.UTC(2025, 0, 1) + startMinute * 60_000);
            const to = new Date(from.getTime() + lengthMinutes * 60_000);
            const all = windowsBetween(from, to, size, timeZone);
            if (all.length <= cap) expect(queryWindows(from, to, size, timeZone, cap)).toEqual(all);
            else
              expect(() => queryWindows(from, to, size, timeZone, cap)).toThrow(
                InvalidQueryRangeError,
              );
          },
        ),
        { numRuns: 200 },
      );
    });

    it('refuse a range that is not whole minutes or runs backwards, with or without a size', () => {
      expect(() =>
        queryWindows(at('2026-03-01T00:00:30Z'), at('2026-03-02T00:00:00Z'), 'DAY', 'UTC'),
      ).toThrow(InvalidQueryRangeError);
      expect(() =>
        queryWindows(at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z'), undefined, 'UTC'),
      ).toThrow(InvalidQueryRangeError);
    });

    it('refuse an unknown time zone, with or without a size', () => {
      for (const size of ['DAY', undefined] as const) {
        expect(() =>
          queryWindows(
            at('2026-03-01T00:00:00Z'),
            at('2026-03-02T00:00:00Z'),
            size,
            'Mars/Olympus',
          ),
        ).toThrow(InvalidTimeZoneError);
      }
    });
  });

  describe('time zone names', () => {
    it.each(['Mars/Olympus_Mons', '+05:30', '', 'UTC+1'])('refuses "%s"', (timeZone) => {
      expect(() => windowStart(at('2026-01-01T00:00:00Z'), 'DAY', timeZone)).toThrow(
        InvalidTimeZoneError,
      );
    });
  });

  describe('in every IANA time zone', () => {
    const timeZones = Intl.supportedValuesOf('timeZone');
    const spans: Record<WindowSize, number> = {
      MINUTE: 2 * 3_600_000,
      HOUR: 2 * 86_400_000,
      DAY: 45 * 86_400_000,
      MONTH: 400 * 86_400_000,
    };
    const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
    // Ranges around a clock change of the zone (when it has one), where windows go wrong.
    const range = fc
      .record({
        size: fc.constantFrom<WindowSize>('MINUTE', 'HOUR', 'DAY', 'MONTH'),
        timeZone: fc.constantFrom(...timeZones),
        aroundMs: fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2045, 0, 1) }),
        lead: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ size, timeZone, aroundMs, lead, length }) => {
        const change = Temporal.Instant.fromEpochMilliseconds(aroundMs)
          .toZonedDateTimeISO(timeZone)
          .getTimeZoneTransition('next');
        const pivot =
          change && change.epochMilliseconds < Date.UTC(2050, 0, 1)
            ? change.epochMilliseconds
            : aroundMs;
        const fromMs = pivot - lead * spans[size];
        return {
          size,
          timeZone,
          from: minute(fromMs),
          to: minute(fromMs + length * 2 * spans[size]),
        };
      });

    it('tiles the range without gaps or overlaps, each window starting on the local grid or at a clock change', () => {
      fc.assert(
        fc.property(range, ({ size, timeZone, from, to }) => {
          const windows = windowsBetween(from, to, size, timeZone);
          if (from.getTime() === to.getTime()) return windows.length === 0;
          expect(windows[0]!.start.getTime()).toBeLessThanOrEqual(from.getTime());
          expect(windows.at(-1)!.end.getTime()).toBeGreaterThanOrEqual(to.getTime());
          expect(windows.at(-2)?.end.getTime() ?? -Infinity).toBeLessThan(to.getTime());
          windows.forEach((window, index) => {
            expect(window.start.getTime()).toBeLessThan(window.end.getTime());
            if (index > 0) expect(window.start).toEqual(windows[index - 1]!.end);
            expect(startsOnLocalGrid(window.start, size, timeZone)).toBe(true);
          });
          return true;
        }),
        { numRuns: 300 },
      );
    });

    it('puts every instant into the window that windowStart names', () => {
      fc.assert(
        fc.property(
          range,
          // The instant lies in [from, to): `to` itself belongs to no window of the range.
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          ({ size, timeZone, from, to }, at) => {
            if (from.getTime() === to.getTime()) return true;
            const instant = new Date(
              from.getTime() + Math.floor(at * (to.getTime() - from.getTime())),
            );
            const window = windowsBetween(from, to, size, timeZone).find(
              ({ start, end }) => start <= instant && instant < end,
            );
            expect(windowStart(instant, size, timeZone)).toEqual(window!.start);
            expect(windowContaining(instant, size, timeZone)).toEqual(window);
            return true;
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

// A boundary is where the local clock shows a whole minute/hour/midnight/first of the month,
// or where the clock jumped (the offset just before differs from the offset at the boundary).
function startsOnLocalGrid(start: Date, size: WindowSize, timeZone: string): boolean {
  const zoned = Temporal.Instant.fromEpochMilliseconds(start.getTime()).toZonedDateTimeISO(
    timeZone,
  );
  const before = Temporal.Instant.fromEpochMilliseconds(start.getTime() - 1).toZonedDateTimeISO(
    timeZone,
  );
  if (zoned.offsetNanoseconds !== before.offsetNanoseconds) return true;
  const onMinute = zoned.second === 0 && zoned.millisecond === 0;
  switch (size) {
    case 'MINUTE':
      return onMinute;
    case 'HOUR':
      return onMinute && zoned.minute === 0;
    case 'DAY':
      return onMinute && zoned.minute === 0 && zoned.hour === 0;
    case 'MONTH':
      return onMinute && zoned.minute === 0 && zoned.hour === 0 && zoned.day === 1;
  }
}
