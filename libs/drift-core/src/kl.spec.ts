import fc from 'fast-check';
import { kullbackLeiblerDivergence } from './kl';

describe('kullbackLeiblerDivergence', () => {
  it('is KL(current || reference) in nats', () => {
    const expected = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
    expect(kullbackLeiblerDivergence([50, 50], [25, 75])).toBeCloseTo(expected, 15);
  });

  it('is not symmetric: the current window is the one weighted', () => {
    expect(kullbackLeiblerDivergence([50, 50], [25, 75])).not.toBeCloseTo(
      kullbackLeiblerDivergence([25, 75], [50, 50]),
      6,
    );
  });

  it('stays finite when the reference lacks a bin the current window has', () => {
    const expected = 0.5 * Math.log(0.5 / 1) + 0.5 * Math.log(0.5 / 1e-4);
    expect(kullbackLeiblerDivergence([4, 0], [1, 1])).toBeCloseTo(expected, 15);
  });

  it('is 0 for the same distribution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (reference) => {
          expect(
            kullbackLeiblerDivergence(
              reference,
              reference.map((count) => count * 3),
            ),
          ).toBe(0);
        },
      ),
    );
  });
});
