import fc from 'fast-check';
import { columnHistogram } from './column-histogram';
import type {
  CategoricalReference,
  CategoricalWindowColumn,
  NumericReference,
  NumericWindowColumn,
} from './drift-types';

const sketch = { relativeAccuracy: 0.01, count: 0, proto: '' };

function numericReference(innerEdges: number[], binCounts: number[]): NumericReference {
  const count = binCounts.reduce((sum, value) => sum + value, 0);
  return {
    kind: 'numeric',
    count,
    missing: 0,
    innerEdges,
    binCounts,
    mean: 0,
    std: 1,
    min: -3,
    max: 3,
    sample: null,
    sketch,
  };
}

function numericWindow(binCounts: number[]): NumericWindowColumn {
  const count = binCounts.reduce((sum, value) => sum + value, 0);
  return {
    kind: 'numeric',
    count,
    missing: 2,
    binCounts,
    min: null,
    max: null,
    values: null,
    sketch,
  };
}

function categoricalReference(counts: Record<string, number>): CategoricalReference {
  return { kind: 'categorical', count: total(counts), missing: 0, counts };
}

function categoricalWindow(counts: Record<string, number>): CategoricalWindowColumn {
  return { kind: 'categorical', count: total(counts), missing: 0, counts };
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, value) => sum + value, 0);
}

describe('columnHistogram', () => {
  it('lays the reference bins out with open outer edges and both sides shares', () => {
    expect(
      columnHistogram(numericReference([-1, 1], [25, 50, 25]), numericWindow([10, 10, 80])),
    ).toEqual({
      kind: 'numeric',
      bins: [
        {
          lower: null,
          upper: -1,
          referenceCount: 25,
          currentCount: 10,
          referenceShare: 0.25,
          currentShare: 0.1,
        },
        {
          lower: -1,
          upper: 1,
          referenceCount: 50,
          currentCount: 10,
          referenceShare: 0.5,
          currentShare: 0.1,
        },
        {
          lower: 1,
          upper: null,
          referenceCount: 25,
          currentCount: 80,
          referenceShare: 0.25,
          currentShare: 0.8,
        },
      ],
    });
  });

  it('gives an empty window zero shares instead of failing', () => {
    const histogram = columnHistogram(numericReference([0], [5, 5]), numericWindow([0, 0]));
    expect(histogram.kind === 'numeric' && histogram.bins.map((bin) => bin.currentShare)).toEqual([
      0, 0,
    ]);
  });

  it('flags categories the reference never saw and orders categories by reference count', () => {
    const histogram = columnHistogram(
      categoricalReference({ basic: 30, pro: 60, team: 10 }),
      categoricalWindow({ pro: 5, team: 10, '<script>': 5 }),
    );
    expect(histogram).toEqual({
      kind: 'categorical',
      categories: [
        {
          category: 'pro',
          referenceCount: 60,
          currentCount: 5,
          referenceShare: 0.6,
          currentShare: 0.25,
          isNew: false,
        },
        {
          category: 'basic',
          referenceCount: 30,
          currentCount: 0,
          referenceShare: 0.3,
          currentShare: 0,
          isNew: false,
        },
        {
          category: 'team',
          referenceCount: 10,
          currentCount: 10,
          referenceShare: 0.1,
          currentShare: 0.5,
          isNew: false,
        },
        {
          category: '<script>',
          referenceCount: 0,
          currentCount: 5,
          referenceShare: 0,
          currentShare: 0.25,
          isNew: true,
        },
      ],
    });
  });

  it('refuses a window column of another kind than its reference', () => {
    expect(() =>
      columnHistogram(numericReference([0], [1, 1]), categoricalWindow({ a: 1 })),
    ).toThrow('the reference column is numeric but the window column categorical');
  });

  it('keeps every count and makes each side sum to one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 1, maxLength: 20 }),
        (pairs) => {
          const reference = pairs.map(([count]) => count + 1);
          const current = pairs.map(([, count]) => count + 1);
          const edges = reference.slice(1).map((_, index) => index);
          const histogram = columnHistogram(
            numericReference(edges, reference),
            numericWindow(current),
          );
          if (histogram.kind !== 'numeric') throw new Error('expected numeric bins');
          expect(histogram.bins.map((bin) => bin.referenceCount)).toEqual(reference);
          expect(histogram.bins.map((bin) => bin.currentCount)).toEqual(current);
          for (const side of ['referenceShare', 'currentShare'] as const) {
            const total = histogram.bins.reduce((sum, bin) => sum + bin[side], 0);
            expect(total).toBeCloseTo(1, 12);
          }
        },
      ),
      { seed: 7 },
    );
  });
});
