import fc from 'fast-check';
import { normedWassersteinDistance, wassersteinDistance } from './wasserstein';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});

describe('wassersteinDistance', () => {
  it('matches scipy wasserstein_distance on raw samples', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4])).toBeCloseTo(2.7, 12);
  });

  it('is symmetric and never negative', () => {
    fc.assert(
      fc.property(sample, sample, (u, v) => {
        const distance = wassersteinDistance(u, v);
        expect(distance).toBeGreaterThanOrEqual(0);
        expect(wassersteinDistance(v, u)).toBe(distance);
      }),
    );
  });

  it('is 0 between a sample and itself, in any order', () => {
    fc.assert(
      fc.property(sample, (u) => {
        expect(wassersteinDistance(u, [...u].reverse())).toBe(0);
      }),
    );
  });

  it('moves a sample by c at the cost of |c|', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -1000, max: 1000 }),
        (u, c) => {
          expect(
            wassersteinDistance(
              u,
              u.map((value) => value + c),
            ),
          ).toBeCloseTo(Math.abs(c), 9);
        },
      ),
    );
  });

  it('refuses an empty sample', () => {
    expect(() => wassersteinDistance([1], [])).toThrow('current is empty');
  });
});

describe('normedWassersteinDistance', () => {
  it('divides by the population standard deviation of the reference', () => {
    // reference [0, 2]: mean 1, population std 1
    expect(normedWassersteinDistance([0, 2], [3, 5])).toBeCloseTo(
      wassersteinDistance([0, 2], [3, 5]),
      15,
    );
    expect(normedWassersteinDistance([0, 4], [3, 5])).toBeCloseTo(
      wassersteinDistance([0, 4], [3, 5]) / 2,
      15,
    );
  });

  it('is null for a constant reference, even one whose mean does not round-trip', () => {
    expect(normedWassersteinDistance([0.1, 0.1, 0.1], [0.2])).toBeNull();
  });
});
