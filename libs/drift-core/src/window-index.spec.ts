import fc from 'fast-check';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { countWindowIndex, timeWindowBounds, timeWindowIndex } from './window-index';

const hourly = { seconds: 3600 };

describe('timeWindowIndex and timeWindowBounds', () => {
  it('cut epoch-aligned windows, start inclusive and end exclusive', () => {
    const index = timeWindowIndex(new Date('2026-11-25T10:15:00+01:00'), hourly);
    expect(index).toBe(Date.parse('2026-11-25T09:00:00Z') / 3_600_000);
    expect(timeWindowBounds(index, hourly)).toEqual({
      start: new Date('2026-11-25T09:00:00Z'),
      end: new Date('2026-11-25T10:00:00Z'),
    });
    expect(timeWindowIndex(new Date('2026-11-25T10:00:00Z'), hourly)).toBe(index + 1);
    expect(timeWindowIndex(new Date('2026-11-25T09:59:59.999Z'), hourly)).toBe(index);
  });

  it('place every instant inside the bounds of its window, before 1970 too', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01Z'),
          max: new Date('2200-01-01Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 31 * 24 * 3600 }),
        (instant, seconds) => {
          const { start, end } = timeWindowBounds(timeWindowIndex(instant, { seconds }), {
            seconds,
          });
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(end.getTime());
          expect(end.getTime() - start.getTime()).toBe(seconds * 1000);
          expect(Math.abs(start.getTime() % (seconds * 1000))).toBe(0);
        },
      ),
    );
  });

  it('refuse an invalid date or a fractional index', () => {
    expect(() => timeWindowIndex(new Date('nope'), hourly)).toThrow(InvalidDriftInputError);
    expect(() => timeWindowBounds(1.5, hourly)).toThrow('window index 1.5 is not an integer');
  });
});

describe('countWindowIndex', () => {
  it('puts rows 0..rows-1 in window 0, the next rows in window 1', () => {
    const spec = { rows: 10 };
    expect([0, 9, 10, 19, 20].map((sequence) => countWindowIndex(sequence, spec))).toEqual([
      0, 0, 1, 1, 2,
    ]);
  });

  it('refuses a negative or fractional sequence', () => {
    expect(() => countWindowIndex(-1, { rows: 10 })).toThrow('sequence -1 is negative');
    expect(() => countWindowIndex(0.5, { rows: 10 })).toThrow(InvalidDriftInputError);
  });
});
