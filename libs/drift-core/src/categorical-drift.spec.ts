import { categoricalDrift } from './categorical-drift';
import { InvalidDriftInputError } from './invalid-drift-input.error';

describe('categoricalDrift', () => {
  it('tests the current mix against the reference proportions', () => {
    const statistics = categoricalDrift({
      referenceCounts: { a: 50, b: 30, c: 20 },
      currentCounts: new Map([
        ['c', 30],
        ['a', 40],
        ['b', 30],
      ]),
    });
    expect(statistics).toEqual({
      categories: ['a', 'b', 'c'],
      referenceCounts: [50, 30, 20],
      currentCounts: [40, 30, 30],
      newCategories: [],
      psi: expect.closeTo(0.06286086594223739, 12),
      kl: expect.closeTo(0.032382111906765376, 12),
      jsDistance: expect.closeTo(0.10619851439230617, 12),
      chiSquare: {
        statistic: 7,
        pValue: expect.closeTo(0.0301973834223185, 12),
        degreesOfFreedom: 2,
      },
      twoProportionZ: null,
    });
  });

  it('reports categories the reference never saw, and then skips chi-square', () => {
    const statistics = categoricalDrift({
      referenceCounts: { a: 50, b: 30, c: 20, d: 0 },
      currentCounts: { a: 30, b: 30, c: 30, d: 10 },
    });
    expect(statistics.newCategories).toEqual(['d']);
    expect(statistics.chiSquare).toBeNull();
    expect(statistics.psi).toBeCloseTo(0.8327963879343301, 12);
  });

  it('runs the z-test on the first category when there are exactly two', () => {
    const statistics = categoricalDrift({
      referenceCounts: { y: 40, x: 60 },
      currentCounts: { x: 45, y: 55 },
    });
    expect(statistics.twoProportionZ).toEqual({
      statistic: expect.closeTo(2.1239769762143657, 12),
      pValue: expect.closeTo(0.033672068856345855, 12),
    });
  });

  it('orders categories by code point, as Python sorts them', () => {
    const statistics = categoricalDrift({
      referenceCounts: { '\u{1F600}': 1, '\uFF21': 1, b: 1, B: 1 },
      currentCounts: { b: 1 },
    });
    expect(statistics.categories).toEqual(['B', 'b', '\uFF21', '\u{1F600}']);
  });

  it('leaves out a category counted 0 on both sides', () => {
    const statistics = categoricalDrift({
      referenceCounts: { a: 3, b: 0, c: 2 },
      currentCounts: { a: 1, c: 4 },
    });
    expect(statistics.categories).toEqual(['a', 'c']);
    expect(statistics.twoProportionZ).not.toBeNull();
  });

  it.each([
    [
      'an empty current window',
      { referenceCounts: { a: 1 }, currentCounts: {} },
      'current counts holds no observation',
    ],
    [
      'a window of zeros',
      { referenceCounts: { a: 1 }, currentCounts: { a: 0, b: 0 } },
      'current counts holds no observation',
    ],
    [
      'two empty sides',
      { referenceCounts: {}, currentCounts: {} },
      'reference counts has no bins or categories',
    ],
    [
      'a negative count',
      { referenceCounts: { a: -1 }, currentCounts: { a: 1 } },
      'reference counts["a"] is -1, not a count',
    ],
    [
      'a fractional count',
      { referenceCounts: { a: 1 }, currentCounts: { a: 0.5 } },
      'current counts["a"] is 0.5',
    ],
    [
      'NaN',
      { referenceCounts: { a: NaN }, currentCounts: { a: 1 } },
      'reference counts["a"] is NaN',
    ],
  ])('refuses %s with a typed 422 error', (_case, input, detail) => {
    const attempt = () => categoricalDrift(input);
    expect(attempt).toThrow(InvalidDriftInputError);
    expect(attempt).toThrow(
      expect.objectContaining({ status: 422, detail: expect.stringContaining(detail) }),
    );
  });
});
