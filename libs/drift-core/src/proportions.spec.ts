import { flooredProportions, proportions, ZERO_PROPORTION_FLOOR } from './proportions';

describe('proportions', () => {
  it('divides each count by the total', () => {
    expect(proportions([1, 3, 0])).toEqual([0.25, 0.75, 0]);
  });

  it('floors zero shares for PSI and KL, without renormalising', () => {
    expect(flooredProportions([1, 3, 0])).toEqual([0.25, 0.75, ZERO_PROPORTION_FLOOR]);
  });

  it('refuses a window without observations and negative counts', () => {
    expect(() => proportions([0, 0], 'current counts')).toThrow(
      'current counts holds no observation (all counts are 0)',
    );
    expect(() => proportions([], 'current counts')).toThrow(
      'current counts has no bins or categories',
    );
    expect(() => proportions([2, -1])).toThrow('counts[1] is -1, not a count');
  });
});
