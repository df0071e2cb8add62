import { durbinMatrixCdf } from './durbin-matrix';

// Expected values: scipy.stats._ksstats._kolmogn_DMTW, scipy 1.17.1.
describe('durbinMatrixCdf', () => {
  it('gives Pr(D_n <= d) exactly for small n d', () => {
    expect(durbinMatrixCdf(100, 0.08)).toBeCloseTo(0.48178063545193284, 12);
    expect(durbinMatrixCdf(1000, 0.01) / 5.032546293896392048e-5).toBeCloseTo(1, 9);
  });

  it('is 0 up to 1/(2n) and 1 from 1 on', () => {
    expect(durbinMatrixCdf(10, 0.05)).toBe(0);
    expect(durbinMatrixCdf(10, 1)).toBe(1);
  });
});
