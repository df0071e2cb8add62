import fc from 'fast-check';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { adjustPValues } from './multiple-testing';

// Expected values from numpy, as statsmodels computes them:
//   def bh(p):
//       p = np.asarray(p, float); m = len(p); o = np.argsort(p)
//       c = np.minimum.accumulate((p[o] / (np.arange(1, m + 1) / m))[::-1])[::-1]; c[c > 1] = 1
//       out = np.empty(m); out[o] = c; return out
//   def bonferroni(p): p = np.asarray(p, float) * len(p); p[p > 1] = 1; return p
const handbookExample = [
  0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275,
  0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986,
];

describe('adjustPValues', () => {
  it('leaves p-values as they are without correction', () => {
    expect(adjustPValues([0.01, 0.04, 0.03, 0.2], 'none')).toEqual([0.01, 0.04, 0.03, 0.2]);
  });

  it('multiplies by the number of tests for Bonferroni, clipped at 1', () => {
    expectClose(adjustPValues([0.01, 0.04, 0.03, 0.2], 'bonferroni'), [0.04, 0.16, 0.12, 0.8]);
    expectClose(adjustPValues([0.02, 0.02, 0.5, 0.02], 'bonferroni'), [0.08, 0.08, 1, 0.08]);
  });

  it('steps up Benjamini-Hochberg as statsmodels fdr_bh, in the input order', () => {
    expectClose(
      adjustPValues([0.01, 0.04, 0.03, 0.2], 'benjamini_hochberg'),
      [0.04, 0.05333333333333334, 0.05333333333333334, 0.2],
    );
    expectClose(adjustPValues([0.9, 0.6, 0.7], 'benjamini_hochberg'), [0.9, 0.9, 0.9]);
    expectClose(
      adjustPValues([0.02, 0.02, 0.5, 0.02], 'benjamini_hochberg'),
      [0.02666666666666667, 0.02666666666666667, 0.5, 0.02666666666666667],
    );
    expectClose(
      adjustPValues(handbookExample, 'benjamini_hochberg'),
      [
        0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.2642857142857143, 0.49107142857142866,
        0.49107142857142866, 0.49107142857142866, 0.49107142857142866, 0.49107142857142866,
        0.49107142857142866, 0.49107142857142866, 0.5328125, 0.5328125, 0.5647058823529412,
        0.781578947368421, 0.781578947368421, 0.87, 0.9071428571428571, 0.986, 0.986, 0.986, 0.986,
      ],
    );
  });

  it('answers nothing for no p-values', () => {
    expect(adjustPValues([], 'benjamini_hochberg')).toEqual([]);
    expect(adjustPValues([], 'bonferroni')).toEqual([]);
  });

  it('never lowers a p-value, keeps it in [0, 1], and Benjamini-Hochberg never exceeds Bonferroni', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        (pValues) => {
          const bonferroni = adjustPValues(pValues, 'bonferroni');
          const stepUp = adjustPValues(pValues, 'benjamini_hochberg');
          pValues.forEach((pValue, i) => {
            expect(stepUp[i]).toBeGreaterThanOrEqual(pValue);
            expect(stepUp[i]).toBeLessThanOrEqual(bonferroni[i]! * (1 + 1e-12));
            expect(bonferroni[i]).toBeLessThanOrEqual(1);
            // Monotone: a smaller raw p-value never gets a larger adjusted one.
            pValues.forEach((other, j) => {
              if (pValue < other) expect(stepUp[i]).toBeLessThanOrEqual(stepUp[j]!);
            });
          });
        },
      ),
      { seed: 20_240_611 },
    );
  });

  it.each([[-0.1], [1.5], [Number.NaN]])('refuses the p-value %p', (pValue) => {
    expect(() => adjustPValues([0.2, pValue], 'bonferroni')).toThrow(InvalidDriftInputError);
  });
});

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
}
