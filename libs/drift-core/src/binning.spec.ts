import fc from 'fast-check';
import { DomainError } from '@tenantry/common';
import { binCounts, categoryCounts, quantileEdges } from './binning';

const grid = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('quantileEdges', () => {
  it('takes the reference deciles exactly as numpy quantile(method="linear") does', () => {
    // np.quantile(np.arange(100), np.linspace(0, 1, 11))[1:-1], last bits included.
    expect(quantileEdges(grid(100), 10)).toEqual([
      -Infinity,
      9.9,
      19.8,
      29.700000000000003,
      39.6,
      49.5,
      59.400000000000006,
      69.30000000000001,
      79.2,
      89.10000000000001,
      Infinity,
    ]);
  });

  it('keeps each tied quantile once', () => {
    // numpy: [0 (x7), 0.3000000000000007, 1.2000000000000002, 2.0999999999999996]
    expect(quantileEdges([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 10)).toEqual([
      -Infinity,
      0,
      0.3000000000000007,
      1.2000000000000002,
      2.0999999999999996,
      Infinity,
    ]);
  });

  it('gives one bin spanning the line for a constant reference or a single bin', () => {
    expect(quantileEdges([7, 7, 7], 4)).toEqual([-Infinity, 7, Infinity]);
    expect(quantileEdges([1, 2, 3], 1)).toEqual([-Infinity, Infinity]);
  });

  it('does not depend on the order of the reference', () => {
    expect(quantileEdges([5, 1, 4, 2, 3], 4)).toEqual(quantileEdges([1, 2, 3, 4, 5], 4));
  });

  it.each([
    [[], 10, 'reference is empty'],
    [[1, NaN], 10, 'reference[1] is NaN'],
    [[1, Infinity], 10, 'reference[1] is Infinity'],
    [[1, 2], 0, 'bins must be an integer from 1 to 10000, got 0'],
    [[1, 2], 2.5, 'bins must be an integer'],
  ])('refuses %j in %d bins with a 422 problem', (reference, bins, detail) => {
    const attempt = () => quantileEdges(reference, bins);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      expect.objectContaining({ status: 422, message: expect.stringContaining(detail) }),
    );
  });
});

describe('binCounts', () => {
  const edges = [-Infinity, 1, 2, Infinity];

  it('puts a value equal to an inner edge in the bin on its right', () => {
    expect(binCounts([0.5, 1, 1.5, 2, 2.5], edges)).toEqual([1, 2, 2]);
  });

  it('counts values beyond the reference range in the outer bins', () => {
    expect(binCounts([-1e300, 1e300], edges)).toEqual([1, 0, 1]);
  });

  it('counts every value exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1 }),
        fc.integer({ min: 1, max: 20 }),
        (values, reference, bins) => {
          const counts = binCounts(values, quantileEdges(reference, bins));
          expect(counts.reduce((sum, count) => sum + count, 0)).toBe(values.length);
        },
      ),
    );
  });

  it('bins a million values in one pass', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => (i % 1000) / 10);
    const counts = binCounts(values, quantileEdges(grid(100), 10));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1_000_000);
    expect(counts[0]).toBe(99_000); // 0.0 .. 9.8 lie below the first edge, 9.9
  });

  it('refuses NaN and infinite values', () => {
    expect(() => binCounts([1, NaN], edges)).toThrow('values[1] is NaN, not a finite number');
    expect(() => binCounts([-Infinity], edges)).toThrow('values[0] is -Infinity');
  });

  it('refuses edges that do not cover the line or do not increase', () => {
    expect(() => binCounts([1], [0, 1, Infinity])).toThrow(
      'bin edges must run from -Infinity to Infinity',
    );
    expect(() => binCounts([1], [-Infinity, 2, 1, Infinity])).toThrow('edges[2] does not');
  });
});

describe('categoryCounts', () => {
  it('counts each category', () => {
    expect(categoryCounts(['b', 'a', 'b', 'c', 'b'])).toEqual(
      new Map([
        ['b', 3],
        ['a', 1],
        ['c', 1],
      ]),
    );
  });
});
