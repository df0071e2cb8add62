import { InvalidDriftInputError } from './invalid-drift-input.error';
import { numericDrift } from './numeric-drift';

const grid = (n: number, shift = 0) => Array.from({ length: n }, (_, i) => i + shift);

describe('numericDrift', () => {
  it('bins both windows on edges frozen from the reference and computes every statistic', () => {
    const statistics = numericDrift({ reference: grid(100), current: grid(100, 20), bins: 10 });
    expect(statistics).toEqual({
      edges: expect.arrayContaining([-Infinity, 9.9, Infinity]),
      referenceCounts: [10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
      currentCounts: [0, 0, 10, 10, 10, 10, 10, 10, 10, 30],
      ks: { statistic: 0.2, pValue: expect.closeTo(0.03638428787491733, 12), method: 'exact' },
      psi: expect.closeTo(1.599891962474253, 12),
      kl: expect.closeTo(0.32820213554463645, 12),
      jsDistance: expect.closeTo(0.37113929340366725, 12),
      wasserstein: expect.closeTo(20, 12),
      wassersteinNormed: expect.closeTo(0.6928549666419952, 12),
    });
  });

  it('reports no normed Wasserstein distance for a constant reference', () => {
    expect(
      numericDrift({ reference: [4, 4, 4], current: [4, 5], bins: 10 }).wassersteinNormed,
    ).toBeNull();
  });

  it.each([
    ['an empty current window', { reference: [1, 2], current: [], bins: 10 }, 'current is empty'],
    ['an empty reference', { reference: [], current: [1], bins: 10 }, 'reference is empty'],
    [
      'NaN',
      { reference: [1, 2], current: [1, NaN], bins: 10 },
      'current[1] is NaN, not a finite number',
    ],
    [
      'an infinity',
      { reference: [-Infinity, 2], current: [1], bins: 10 },
      'reference[0] is -Infinity',
    ],
    [
      'a fractional bin count',
      { reference: [1, 2], current: [1], bins: 1.5 },
      'bins must be an integer',
    ],
  ])('refuses %s with a typed 422 error instead of answering NaN', (_case, input, detail) => {
    const attempt = () => numericDrift(input);
    expect(attempt).toThrow(InvalidDriftInputError);
    expect(attempt).toThrow(
      expect.objectContaining({ status: 422, detail: expect.stringContaining(detail) }),
    );
  });
});
