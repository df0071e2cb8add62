import { InvalidQueryRangeError, windowsBetween, type WindowSize } from '@tenantry/metering-core';
import fc from 'fast-check';
import { queryWindows } from './query-windows';

const at = (iso: string) => new Date(iso);
const minute = 60_000;

describe('query windows', () => {
  it('are the local calendar windows covering the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 * 1440 }),
        fc.integer({ min: 0, max: 90 * 1440 }),
        fc.constantFrom<WindowSize>('HOUR', 'DAY', 'MONTH'),
        fc.constantFrom('Europe/Berlin', 'UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
        (startMinute, lengthMinutes, size, timeZone) => {
          const from = new Date(Date.UTC(2025, 0, 1) + startMinute * minute);
          const to = new Date(from.getTime() + lengthMinutes * minute);
          expect(queryWindows(from, to, size, timeZone)).toEqual(
            windowsBetween(from, to, size, timeZone),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('make the whole range one window without a size', () => {
    const from = at('2026-03-01T00:00:00Z');
    const to = at('2026-04-01T00:00:00Z');
    expect(queryWindows(from, to, undefined, 'UTC')).toEqual([{ start: from, end: to }]);
  });

  it('are none for an empty range', () => {
    const at0 = at('2026-03-01T00:00:00Z');
    expect(queryWindows(at0, at0, 'DAY', 'UTC')).toEqual([]);
    expect(queryWindows(at0, at0, undefined, 'UTC')).toEqual([]);
  });

  it('give the DST day in Berlin its 23 hours', () => {
    const [day] = queryWindows(
      at('2026-03-29T10:00:00Z'),
      at('2026-03-29T11:00:00Z'),
      'DAY',
      'Europe/Berlin',
    );
    expect(day).toEqual({ start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T22:00:00Z') });
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

  it('refuse a range that is not whole minutes or runs backwards', () => {
    expect(() =>
      queryWindows(at('2026-03-01T00:00:30Z'), at('2026-03-02T00:00:00Z'), 'DAY', 'UTC'),
    ).toThrow(InvalidQueryRangeError);
    expect(() =>
      queryWindows(at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z'), undefined, 'UTC'),
    ).toThrow(InvalidQueryRangeError);
  });

  it('refuse an unknown time zone', () => {
    expect(() =>
      queryWindows(at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'), 'DAY', 'Mars/Olympus'),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });
});
