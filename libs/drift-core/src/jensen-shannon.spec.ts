import fc from 'fast-check';
import { jensenShannonDistance } from './jensen-shannon';

const counts = fc
  .array(fc.nat(1000), { minLength: 5, maxLength: 5 })
  .filter((c) => c.some((count) => count > 0));

describe('jensenShannonDistance', () => {
  it('matches scipy jensenshannon(p, q, base=2), normalising each side', () => {
    expect(jensenShannonDistance([5, 3, 2], [1, 1, 8])).toBeCloseTo(0.5308235122618308, 12);
  });

  it('is 1 for distributions without common support', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 15);
  });

  it('is a distance in [0, 1]', () => {
    fc.assert(
      fc.property(counts, counts, (p, q) => {
        const distance = jensenShannonDistance(p, q);
        expect(distance).toBeGreaterThanOrEqual(0);
        expect(distance).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(counts, counts, (p, q) => {
        expect(jensenShannonDistance(p, q)).toBe(jensenShannonDistance(q, p));
      }),
    );
  });

  it('is 0 for the same distribution', () => {
    fc.assert(
      fc.property(counts, (p) => {
        expect(
          jensenShannonDistance(
            p,
            p.map((count) => count * 7),
          ),
        ).toBe(0);
      }),
    );
  });
});
