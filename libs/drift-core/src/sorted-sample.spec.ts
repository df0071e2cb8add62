import { sortedSample } from './sorted-sample';

describe('sortedSample', () => {
  it('sorts a copy numerically, leaving the input as it was', () => {
    const values = [10, -2, 9, 0.5];
    expect([...sortedSample(values, 'current')]).toEqual([-2, 0.5, 9, 10]);
    expect(values).toEqual([10, -2, 9, 0.5]);
  });

  it('refuses an empty sample or one with NaN, naming it', () => {
    expect(() => sortedSample([], 'current')).toThrow('current is empty');
    expect(() => sortedSample([1, NaN], 'reference')).toThrow(
      'reference[1] is NaN, not a finite number',
    );
  });
});
