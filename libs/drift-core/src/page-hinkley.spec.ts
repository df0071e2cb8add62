import fc from 'fast-check';
import type { PageHinkleyState } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { pageHinkley } from './page-hinkley';

const options = { delta: 0.005, lambda: 0.05 };

/** Indices of the values that raised the alarm, feeding the whole sequence in order. */
function alarms(sequence: number[], settings = options): number[] {
  let state: PageHinkleyState | null = null;
  const raised: number[] = [];
  sequence.forEach((value, index) => {
    const step = pageHinkley(state, value, settings);
    state = step.state;
    if (step.alarm) raised.push(index);
  });
  return raised;
}

// Expected indices from this transcription of river's PageHinkley (mode "up", alpha = 1,
// min_instances = 1), which resets after each detection:
//   n = mean = s = 0; mn = inf
//   for i, x in enumerate(seq):
//       n += 1; mean += (x - mean) / n; s += x - mean - delta; mn = min(mn, s)
//       if s - mn > lam: alarms.append(i); n = mean = s = 0; mn = inf
describe('pageHinkley', () => {
  it('alarms on a jump of the error and not before', () => {
    expect(alarms([0.1, 0.1, 0.2, 0.2])).toEqual([2]);
    expect(alarms([...Array<number>(10).fill(0.1), ...Array<number>(10).fill(0.15)])).toEqual([11]);
  });

  it('accumulates a small sustained increase until it crosses lambda, then restarts', () => {
    // +0.02 per window is above delta: the deviation adds up over five windows; after the restart
    // the error is steady again and no second alarm follows.
    expect(alarms([...Array<number>(10).fill(0.1), ...Array<number>(20).fill(0.12)])).toEqual([14]);
  });

  it('stays quiet on noise around a steady error and on a falling error', () => {
    const noisy = [0.1, 0.12, 0.09, 0.11, 0.1, 0.13, 0.08, 0.1, 0.11, 0.09];
    expect(alarms([...noisy, ...noisy, ...noisy])).toEqual([]);
    expect(alarms([0.3, 0.25, 0.2, 0.15, 0.1, 0.05])).toEqual([]);
  });

  it('keeps the running mean, the cumulative deviation and its minimum', () => {
    const first = pageHinkley(null, 0.1, options);
    expect(first).toEqual({
      state: { n: 1, mean: 0.1, cumulative: -0.005, minimum: -0.005 },
      alarm: false,
    });
    const second = pageHinkley(first.state, 0.13, options);
    expect(second.alarm).toBe(false);
    expect(second.state?.n).toBe(2);
    expect(second.state?.mean).toBeCloseTo(0.115, 12);
    expect(second.state?.cumulative).toBeCloseTo(-0.005 + 0.015 - 0.005, 12);
    expect(second.state?.minimum).toBeCloseTo(-0.005, 12);
  });

  it('returns no state after an alarm, so the next value starts afresh', () => {
    let state: PageHinkleyState | null = null;
    for (const value of [0.1, 0.1]) state = pageHinkley(state, value, options).state;
    const alarm = pageHinkley(state, 0.3, options);
    expect(alarm).toEqual({ state: null, alarm: true });
    expect(pageHinkley(alarm.state, 0.3, options)).toEqual(pageHinkley(null, 0.3, options));
  });

  it('never alarms on a constant sequence, whatever its level', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (level, length) => {
          expect(alarms(Array<number>(length).fill(level))).toEqual([]);
        },
      ),
      { seed: 7 },
    );
  });

  it('refuses a value that is not finite and settings out of range', () => {
    expect(() => pageHinkley(null, Number.NaN, options)).toThrow(InvalidDriftInputError);
    expect(() => pageHinkley(null, 0.1, { delta: -1, lambda: 0.05 })).toThrow(
      InvalidDriftInputError,
    );
    expect(() => pageHinkley(null, 0.1, { delta: 0, lambda: 0 })).toThrow(InvalidDriftInputError);
  });
});
