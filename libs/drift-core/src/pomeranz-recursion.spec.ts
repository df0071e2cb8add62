import { pomeranzCdf } from './pomeranz-recursion';

// Expected values: scipy.stats._ksstats._kolmogn_Pomeranz, scipy 1.17.1.
describe('pomeranzCdf', () => {
  it('gives Pr(D_n <= x) exactly', () => {
    expect(pomeranzCdf(100, 0.15)).toBeCloseTo(0.9801607578743569836, 12);
    expect(pomeranzCdf(30, 0.3)).toBeCloseTo(0.9931477566370868, 12);
  });

  it('agrees with the Durbin matrix where both apply', () => {
    expect(pomeranzCdf(100, 0.08)).toBeCloseTo(0.48178063545193284, 10);
  });
});
