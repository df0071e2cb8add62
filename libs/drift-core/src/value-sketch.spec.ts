import { DDSketch } from '@datadog/sketches-js';
import fc from 'fast-check';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import {
  addToSketch,
  mergeSketches,
  SKETCH_RELATIVE_ACCURACY,
  sketchBuckets,
  sketchOf,
  sketchQuantile,
  type SketchBucket,
} from './value-sketch';

// Any finite double, subnormals and -0 included: wide enough for the stores to collapse.
const values = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 300 });

// Values within the range a sketch keeps at full accuracy (no collapsed keys).
const keptValues = fc.array(
  fc
    .double({ min: -1e9, max: 1e9, noNaN: true })
    .map((value) => (Math.abs(value) < 1e-6 ? 0 : value)),
  { minLength: 1, maxLength: 300 },
);

// A sample split into consecutive parts at random cuts, the parts then shuffled.
const splitSample = values.chain((sample) =>
  fc
    .tuple(
      fc.uniqueArray(fc.nat(sample.length), { maxLength: 6 }),
      fc.shuffledSubarray(sample, { minLength: sample.length, maxLength: sample.length }),
    )
    .chain(([cuts, shuffled]) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
      const parts = bounds.slice(1).map((end, i) => shuffled.slice(bounds[i], end));
      return fc.tuple(fc.constant(sample), fc.shuffledSubarray(parts, { minLength: parts.length }));
    }),
);

describe('sketchOf, mergeSketches and addToSketch', () => {
  it('give byte-identical sketches for any split and order of the same values', () => {
    fc.assert(
      fc.property(splitSample, ([sample, parts]) => {
        const merged = parts.map(sketchOf).reduce(mergeSketches, sketchOf([]));
        expect(merged).toEqual(sketchOf(sample));
        expect(merged.count).toBe(sample.length);
      }),
    );
  });

  it('merge in either order and grouping to the same bytes', () => {
    fc.assert(
      fc.property(values, values, values, (a, b, c) => {
        const [x, y, z] = [sketchOf(a), sketchOf(b), sketchOf(c)];
        expect(mergeSketches(mergeSketches(x, y), z)).toEqual(
          mergeSketches(z, mergeSketches(y, x)),
        );
      }),
    );
  });

  it('add values to a sketch as merging their own sketch would', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(addToSketch(sketchOf(a), b)).toEqual(sketchOf([...b, ...a]));
      }),
    );
  });

  it('writes an empty sketch for no values', () => {
    expect(sketchOf([])).toEqual({
      relativeAccuracy: SKETCH_RELATIVE_ACCURACY,
      count: 0,
      proto: expect.any(String),
    });
    expect(sketchBuckets(sketchOf([]))).toEqual([]);
  });

  it('refuses NaN and infinities with a typed error naming the value', () => {
    expect(() => sketchOf([1, NaN])).toThrow(InvalidDriftInputError);
    expect(() => sketchOf([1, 2, -Infinity])).toThrow(
      'values[2] is -Infinity, not a finite number',
    );
  });

  it('reads a sketch changed after it was written from its new proto', () => {
    const sketch = sketchOf([1, 2]);
    sketch.proto = sketchOf([5, 6]).proto;
    expect(mergeSketches(sketch, sketchOf([7]))).toEqual(sketchOf([5, 6, 7]));
  });

  it('refuses to merge sketches of another relative accuracy', () => {
    const foreign = { ...sketchOf([1, 2]), relativeAccuracy: 0.02 };
    expect(() => mergeSketches(sketchOf([3]), foreign)).toThrow(InvalidDriftInputError);
    expect(() => addToSketch(foreign, [3])).toThrow(
      'sketches have relative accuracy 0.01, not 0.02',
    );
  });
});

describe('sketchQuantile', () => {
  it('answers within the relative accuracy of the value of rank floor(q (n - 1))', () => {
    fc.assert(
      fc.property(keptValues, fc.double({ min: 0, max: 1, noNaN: true }), (sample, q) => {
        const sorted = [...sample].sort((a, b) => a - b);
        const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
        const answer = sketchQuantile(sketchOf(sample), q);
        expect(Math.abs(answer - exact)).toBeLessThanOrEqual(
          SKETCH_RELATIVE_ACCURACY * Math.abs(exact) * (1 + 1e-12),
        );
      }),
    );
  });

  it('answers what the library answers from the values themselves', () => {
    fc.assert(
      fc.property(keptValues, fc.double({ min: 0, max: 1, noNaN: true }), (sample, q) => {
        const library = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        sample.forEach((value) => library.accept(value));
        const expected = library.getValueAtQuantile(q);
        // Decoding rebuilds the mapping from gamma, which moves a bucket's value in the 12th digit.
        expect(Math.abs(sketchQuantile(sketchOf(sample), q) - expected)).toBeLessThanOrEqual(
          1e-10 * Math.abs(expected),
        );
      }),
    );
  });

  it('puts a value in the bucket the library does, next to bucket bounds and at any magnitude', () => {
    const { mapping } = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
    // Bucket k ends at gamma^k; a few ulps either side of that, or any magnitude the library
    // tracks (beyond maxPossible a bucket's value overflows).
    const tracked = (magnitude: number) =>
      magnitude > mapping.minPossible && magnitude < mapping.maxPossible;
    const nearBound = fc
      .tuple(fc.integer({ min: -35_000, max: 35_000 }), fc.integer({ min: -8, max: 8 }))
      .map(([key, ulps]) => withUlps((mapping.value(key) * (1 + mapping.gamma)) / 2, ulps));
    const anyMagnitude = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });
    const value = fc.oneof(nearBound, anyMagnitude).filter(tracked);
    fc.assert(
      fc.property(value, fc.boolean(), (magnitude, negative) => {
        const signed = negative ? -magnitude : magnitude;
        const library = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        library.accept(signed);
        const expected = library.getValueAtQuantile(0);
        // Neighbouring buckets lie 2 % apart; decoding moves a value in the 12th digit.
        expect(Math.abs(sketchQuantile(sketchOf([signed]), 0) - expected)).toBeLessThanOrEqual(
          1e-10 * Math.abs(expected),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('answers the least magnitude it keeps for values 6e17 times smaller than the largest', () => {
    // Ranks 0..5: -1e9, -1e-300, 5e-324 (a zero to DDSketch), 1e-300, 1e-3, 1e9.
    const sketch = sketchOf([1e-300, -1e-300, 5e-324, 1e-3, 1e9, -1e9]);
    const relativeError = (q: number, exact: number) =>
      Math.abs(sketchQuantile(sketch, q) - exact) / Math.abs(exact);
    expect(relativeError(0, -1e9)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY);
    expect(relativeError(1, 1e9)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY);
    expect(relativeError(0.8, 1e-3)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY);
    expect(sketchQuantile(sketch, 0.4)).toBe(0);
    for (const [q, sign] of [
      [0.2, -1],
      [0.6, 1],
    ] as const) {
      const collapsed = sign * sketchQuantile(sketch, q);
      expect(collapsed).toBeGreaterThan(1e9 / 1e18);
      expect(collapsed).toBeLessThan(1e9 / 1e17);
    }
  });

  it('stays small whatever the range of the values', () => {
    const sketch = sketchOf([5e-324, 1e-300, 1, 1e300, -1e-300, -1e300]);
    expect(Buffer.from(sketch.proto, 'base64').length).toBeLessThan(2 * 8 * 2048 + 100);
    expect(sketch.count).toBe(6);
  });

  it('refuses an empty sketch or a quantile outside [0, 1]', () => {
    expect(() => sketchQuantile(sketchOf([]), 0.5)).toThrow(InvalidDriftInputError);
    expect(() => sketchQuantile(sketchOf([1]), 1.5)).toThrow('quantile 1.5 is not in [0, 1]');
  });
});

describe('sketchBuckets', () => {
  it('places every value in one of its ascending, disjoint buckets, each as narrow as the accuracy allows', () => {
    fc.assert(
      fc.property(keptValues, (sample) => {
        const buckets = sketchBuckets(sketchOf(sample));
        expect(buckets.reduce((total, bucket) => total + bucket.count, 0)).toBe(sample.length);
        buckets
          .slice(1)
          .forEach((bucket, i) => expect(bucket.lower).toBeGreaterThan(buckets[i]!.upper));
        const holding = (value: number) =>
          buckets.filter((b) =>
            Math.abs(value) < 2 ** -1022
              ? b.lower === 0 && b.upper === 0
              : b.lower * (1 - 1e-12) <= value && value <= b.upper * (1 + 1e-12),
          );
        sample.forEach((value) => expect(holding(value).length).toBeGreaterThanOrEqual(1));
        buckets.forEach((bucket) => {
          expect(Math.abs(bucket.upper - bucket.lower)).toBeLessThanOrEqual(
            2 * SKETCH_RELATIVE_ACCURACY * Math.max(Math.abs(bucket.lower), Math.abs(bucket.upper)),
          );
        });
      }),
    );
  });

  it('puts two sketches on the buckets of their merge, however far apart their ranges', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const [left, right] = [sketchOf(a), sketchOf(b)];
        const summed = new Map<string, SketchBucket>();
        for (const bucket of [...sketchBuckets(left, right), ...sketchBuckets(right, left)]) {
          const key = `${bucket.lower}/${bucket.upper}`;
          const count = (summed.get(key)?.count ?? 0) + bucket.count;
          summed.set(key, { ...bucket, count });
        }
        const ascending = [...summed.values()].sort((x, y) => x.lower - y.lower);
        expect(ascending).toEqual(sketchBuckets(mergeSketches(left, right)));
      }),
    );
  });

  it('counts equal values in one bucket, negatives below zero below positives', () => {
    expect(sketchBuckets(sketchOf([5, -3, 0, 5, -3, -3]))).toEqual([
      { lower: expect.closeTo(-3, 0), upper: expect.closeTo(-3, 0), count: 3 },
      { lower: 0, upper: 0, count: 1 },
      { lower: expect.closeTo(5, 0), upper: expect.closeTo(5, 0), count: 2 },
    ]);
  });
});

// The double `ulps` steps of the last bit away from a positive double.
function withUlps(value: number, ulps: number): number {
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0]! += BigInt(ulps);
  return new Float64Array(bits.buffer)[0]!;
}
