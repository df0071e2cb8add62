import fc from 'fast-check';
import {
  InvalidPeriodError,
  nextPeriod,
  periodById,
  periodIdSchema,
  periodOf,
} from './billing-period';
import { InvalidTimeZoneError } from './time-zone';

const at = (iso: string) => new Date(iso);

describe('billing periods', () => {
  it('is the calendar month in the tenant time zone', () => {
    expect(periodOf(at('2026-03-31T22:30:00Z'), 'Europe/Berlin')).toEqual({
      id: '2026-04',
      length: 'MONTH',
      start: at('2026-03-31T22:00:00Z'),
      end: at('2026-04-30T22:00:00Z'),
    });
  });

  it('puts the same instant into the previous month west of UTC', () => {
    expect(periodOf(at('2026-04-01T02:00:00Z'), 'America/New_York').id).toBe('2026-03');
  });

  it('can be a local day, for daily quotas, 23 hours long when clocks go forward', () => {
    expect(periodOf(at('2026-03-29T12:00:00Z'), 'Europe/Berlin', 'DAY')).toEqual({
      id: '2026-03-29',
      length: 'DAY',
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
  });

  it('finds a period by its id', () => {
    expect(periodById('2026-02', 'UTC')).toEqual({
      id: '2026-02',
      length: 'MONTH',
      start: at('2026-02-01T00:00:00Z'),
      end: at('2026-03-01T00:00:00Z'),
    });
    expect(periodById('2026-10-25', 'Europe/Berlin')).toMatchObject({
      start: at('2026-10-24T22:00:00Z'),
      end: at('2026-10-25T23:00:00Z'),
    });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-02-29',
    '2026-2',
    '26-02',
    '2026-02-01T00:00',
    '',
    '0000-01',
  ])('refuses the period id "%s"', (id) => {
    expect(() => periodById(id, 'UTC')).toThrow(InvalidPeriodError);
    expect(periodIdSchema.safeParse(id).success).toBe(false);
  });

  it('refuses a day the time zone skipped', () => {
    expect(() => periodById('2011-12-30', 'Pacific/Apia')).toThrow(InvalidPeriodError);
    expect(periodById('2011-12-30', 'UTC').id).toBe('2011-12-30');
  });

  it('accepts a leap day as a period id', () => {
    expect(periodIdSchema.parse('2028-02-29')).toBe('2028-02-29');
  });

  it('refuses an unknown time zone', () => {
    expect(() => periodById('2026-02', 'Europe/Atlantis')).toThrow(InvalidTimeZoneError);
  });

  it('follows one period with the next, without a gap', () => {
    const december = periodById('2026-12', 'Pacific/Auckland');
    const january = nextPeriod(december, 'Pacific/Auckland');
    expect(january.id).toBe('2027-01');
    expect(january.start).toEqual(december.end);
  });

  it('round-trips every instant through its period id', () => {
    const timeZones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...timeZones),
        fc.constantFrom('DAY' as const, 'MONTH' as const),
        (ms, timeZone, length) => {
          const period = periodOf(new Date(ms), timeZone, length);
          expect(period.start.getTime()).toBeLessThanOrEqual(ms);
          expect(period.end.getTime()).toBeGreaterThan(ms);
          expect(periodById(period.id, timeZone)).toEqual(period);
        },
      ),
      { numRuns: 300 },
    );
  });
});
