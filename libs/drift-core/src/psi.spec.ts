import fc from 'fast-check';
import { populationStabilityIndex } from './psi';

const counts = (length: number) => fc.array(fc.nat(1000), { minLength: length, maxLength: length });
const nonEmpty = (length: number) => counts(length).filter((c) => c.some((count) => count > 0));

describe('populationStabilityIndex', () => {
  it('sums (q - p) ln(q / p) over the bins', () => {
    // p = (0.5, 0.5), q = (0.25, 0.75)
    const expected = (0.25 - 0.5) * Math.log(0.5) + (0.75 - 0.5) * Math.log(1.5);
    expect(populationStabilityIndex([50, 50], [25, 75])).toBeCloseTo(expected, 15);
  });

  it('stays finite when a bin is empty on one side, flooring its share at 1e-4', () => {
    const expected = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    expect(populationStabilityIndex([1, 1], [0, 4])).toBeCloseTo(expected, 15);
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(nonEmpty(6), nonEmpty(6), (reference, current) => {
        expect(populationStabilityIndex(reference, current)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('is 0 for the same distribution, whatever the sample sizes', () => {
    fc.assert(
      fc.property(nonEmpty(6), fc.integer({ min: 1, max: 50 }), (reference, factor) => {
        expect(
          populationStabilityIndex(
            reference,
            reference.map((count) => count * factor),
          ),
        ).toBe(0);
      }),
    );
  });

  it('refuses counts over different bins', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow('got 2 and 3');
  });
});
