import fc from 'fast-check';
import { kolmogorovSmirnovTest, MAX_EXACT_KS_SAMPLE } from './ks';

// Deterministic stand-ins for normal samples: evenly spaced quantiles of a logistic shape.
const spread = (n: number, shift = 0) =>
  Array.from({ length: n }, (_, i) => Math.log((i + 0.5) / (n - i - 0.5)) + shift);

describe('kolmogorovSmirnovTest', () => {
  it('matches scipy ks_2samp with an exact p-value for small samples', () => {
    expect(kolmogorovSmirnovTest([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8])).toEqual({
      statistic: 0.5,
      pValue: expect.closeTo(0.35714285714285715, 12),
      method: 'exact',
    });
  });

  it('counts ties on both sides before comparing the distribution functions', () => {
    expect(kolmogorovSmirnovTest([1, 1, 2, 2], [1, 2, 2, 2]).statistic).toBe(0.25);
  });

  it('gives a statistic of 0 and a p-value of 1 for identical samples', () => {
    expect(kolmogorovSmirnovTest([3, 1, 2], [1, 2, 3])).toEqual({
      statistic: 0,
      pValue: 1,
      method: 'exact',
    });
  });

  it('stays exact up to 10,000 observations a side and answers quickly there', () => {
    const result = kolmogorovSmirnovTest(
      spread(MAX_EXACT_KS_SAMPLE),
      spread(MAX_EXACT_KS_SAMPLE - 1, 0.03),
    );
    expect(result).toEqual({
      statistic: expect.closeTo(0.007554275427542754, 12),
      pValue: expect.closeTo(0.9346363317968309, 9),
      method: 'exact',
    });
  });

  it('switches to the Kolmogorov distribution above 10,000 observations', () => {
    const result = kolmogorovSmirnovTest(spread(MAX_EXACT_KS_SAMPLE + 1), spread(50, 0.5));
    expect(result).toEqual({
      statistic: expect.closeTo(0.1343445655434457, 12),
      pValue: expect.closeTo(0.30001990656561794, 9),
      method: 'asymptotic',
    });
  });

  it('keeps the statistic and the p-value in [0, 1]', () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
      minLength: 1,
      maxLength: 80,
    });
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const { statistic, pValue } = kolmogorovSmirnovTest(reference, current);
        expect(statistic).toBeGreaterThanOrEqual(0);
        expect(statistic).toBeLessThanOrEqual(1);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses NaN', () => {
    expect(() => kolmogorovSmirnovTest([1, NaN], [1])).toThrow(
      'reference[1] is NaN, not a finite number',
    );
  });
});
