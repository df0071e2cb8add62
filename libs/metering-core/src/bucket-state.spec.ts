import fc from 'fast-check';
import {
  addMeasurement,
  addMeasurements,
  bucketResult,
  emptyBucket,
  isDecrementable,
  latestTiebreak,
  mergeBuckets,
  type BucketState,
} from './bucket-state';

interface Sample {
  value: string;
  time: Date;
  tiebreak: string;
}

const scale = 6;
const base = Date.parse('2026-03-01T12:00:00Z');
// Few times and tiebreaks, so equal times and equal tiebreaks occur often.
const sampleArbitrary: fc.Arbitrary<Sample> = fc.record({
  value: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((units) => decimalOf(units, scale)),
  time: fc.integer({ min: 0, max: 4 }).map((second) => new Date(base + second * 1000)),
  tiebreak: fc
    .tuple(fc.constantFrom('gw', 'gw2', '\uFFFD', '\u{1F600}'), fc.constantFrom('1', '2'))
    .map(([source, id]) => latestTiebreak(source, id)),
});
const samplesArbitrary = fc.array(sampleArbitrary, { maxLength: 40 });

const addAll = (samples: Sample[], state: BucketState = emptyBucket()) =>
  samples.reduce((bucket, s) => addMeasurement(bucket, s.value, s.time, s.tiebreak), state);

describe('bucket state', () => {
  it('keeps count, exact sum, min, max and the latest value', () => {
    const bucket = addAll([
      { value: '0.1', time: new Date(base + 2000), tiebreak: latestTiebreak('gw', '1') },
      { value: '0.2', time: new Date(base), tiebreak: latestTiebreak('gw', '2') },
      { value: '-5.25', time: new Date(base + 1000), tiebreak: latestTiebreak('gw', '3') },
    ]);
    expect(bucket).toEqual({
      count: '3',
      sum: '-4.95',
      min: '-5.25',
      max: '0.2',
      latest: { time: '2026-03-01T12:00:02.000Z', value: '0.1', tiebreak: 'gw\u001f1' },
    });
  });

  it('adds beyond the 20 digits decimal.js keeps by default', () => {
    const big = '123456789012345678901234567890.123456789012345678901234567891';
    const bucket = addAll([
      { value: big, time: new Date(base), tiebreak: 'a' },
      { value: '0.000000000000000000000000000009', time: new Date(base), tiebreak: 'b' },
    ]);
    expect(bucket.sum).toBe('123456789012345678901234567890.1234567890123456789012345679');
  });

  it('keeps amounts canonical', () => {
    const bucket = addAll([{ value: '12.500', time: new Date(base), tiebreak: 'a' }]);
    expect([bucket.sum, bucket.min, bucket.latest?.value]).toEqual(['12.5', '12.5', '12.5']);
  });

  it('refuses a value that is not a decimal string', () => {
    expect(() => addMeasurement(emptyBucket(), '"ana"', new Date(base), 'a')).toThrow(RangeError);
    expect(() => addMeasurement(emptyBucket(), '1e3', new Date(base), 'a')).toThrow(RangeError);
    expect(() => addMeasurement(emptyBucket(), '1', new Date(Number.NaN), 'a')).toThrow(RangeError);
  });

  it('breaks a LATEST tie in time by source, then id, whatever the arrival order', () => {
    const time = new Date(base);
    const first = { value: '1', time, tiebreak: latestTiebreak('gw', 'b') };
    const second = { value: '2', time, tiebreak: latestTiebreak('gwx', 'a') };
    expect(addAll([first, second]).latest?.value).toBe('2');
    expect(addAll([second, first]).latest?.value).toBe('2');
  });

  it('orders tiebreaks by code point, as PostgreSQL COLLATE "C" does, not by UTF-16 unit', () => {
    const time = new Date(base);
    const bmp = { value: '1', time, tiebreak: latestTiebreak('\uFFFD', '1') };
    const astral = { value: '2', time, tiebreak: latestTiebreak('\u{1F600}', '1') };
    expect(addAll([bmp, astral]).latest?.value).toBe('2');
    expect(addAll([astral, bmp]).latest?.value).toBe('2');
  });

  it('has emptyBucket as the identity of merge', () => {
    fc.assert(
      fc.property(samplesArbitrary, (samples) => {
        const bucket = addAll(samples);
        expect(mergeBuckets(bucket, emptyBucket())).toEqual(bucket);
        expect(mergeBuckets(emptyBucket(), bucket)).toEqual(bucket);
      }),
    );
  });

  it('merges commutatively and associatively', () => {
    fc.assert(
      fc.property(samplesArbitrary, samplesArbitrary, samplesArbitrary, (x, y, z) => {
        const [a, b, c] = [addAll(x), addAll(y), addAll(z)];
        expect(mergeBuckets(a, b)).toEqual(mergeBuckets(b, a));
        expect(mergeBuckets(mergeBuckets(a, b), c)).toEqual(mergeBuckets(a, mergeBuckets(b, c)));
      }),
    );
  });

  it('gives the same state for any arrival order', () => {
    fc.assert(
      fc.property(
        samplesArbitrary.chain((samples) =>
          fc.tuple(
            fc.constant(samples),
            fc.shuffledSubarray(samples, { minLength: samples.length }),
          ),
        ),
        ([samples, shuffled]) => {
          expect(addAll(shuffled)).toEqual(addAll(samples));
        },
      ),
    );
  });

  it('gives the same state when a stream is split anywhere and the parts merged in any order', () => {
    fc.assert(
      fc.property(
        samplesArbitrary,
        fc.array(fc.nat()),
        fc.array(fc.nat()),
        (samples, cuts, order) => {
          const parts = splitAt(samples, cuts).map((part) => addAll(part));
          const shuffled = parts
            .map((part, i) => ({ part, rank: order[i] ?? i }))
            .sort((a, b) => a.rank - b.rank)
            .map(({ part }) => part);
          expect(shuffled.reduce(mergeBuckets, emptyBucket())).toEqual(addAll(samples));
        },
      ),
    );
  });

  it('adds many measurements at once as merging each one alone would', () => {
    fc.assert(
      fc.property(samplesArbitrary, samplesArbitrary, (earlier, samples) => {
        const state = addAll(earlier);
        const oneByOne = samples
          .map((s) => addMeasurement(emptyBucket(), s.value, s.time, s.tiebreak))
          .reduce(mergeBuckets, state);
        expect(addMeasurements(state, samples)).toEqual(oneByOne);
      }),
    );
  });

  it('agrees with a direct computation of every aggregation', () => {
    fc.assert(
      fc.property(fc.array(sampleArbitrary, { minLength: 1, maxLength: 40 }), (samples) => {
        const bucket = addAll(samples);
        const units = samples.map((s) => unitsOf(s.value));
        const total = units.reduce((a, b) => a + b, 0n);
        const latest = [...samples].sort(
          (a, b) =>
            a.time.getTime() - b.time.getTime() ||
            compareByCodePoints(a.tiebreak, b.tiebreak) ||
            Number(unitsOf(a.value) - unitsOf(b.value)),
        )[samples.length - 1]!;
        expect(bucketResult('COUNT', bucket)).toBe(String(samples.length));
        expect(bucketResult('SUM', bucket)).toBe(decimalOf(total, scale));
        expect(bucketResult('MIN', bucket)).toBe(
          decimalOf(
            units.reduce((a, b) => (b < a ? b : a)),
            scale,
          ),
        );
        expect(bucketResult('MAX', bucket)).toBe(
          decimalOf(
            units.reduce((a, b) => (b > a ? b : a)),
            scale,
          ),
        );
        expect(bucketResult('LATEST', bucket)).toBe(latest.value);
        expect(bucketResult('AVG', bucket)).toBe(averageHalfEven(total, BigInt(samples.length)));
      }),
    );
  });

  it('averages a merged bucket as its total sum over its total count', () => {
    fc.assert(
      fc.property(samplesArbitrary, samplesArbitrary, (x, y) => {
        fc.pre(x.length + y.length > 0);
        const merged = mergeBuckets(addAll(x), addAll(y));
        const total = [...x, ...y].reduce((sum, s) => sum + unitsOf(s.value), 0n);
        expect(bucketResult('AVG', merged)).toBe(
          averageHalfEven(total, BigInt(x.length + y.length)),
        );
      }),
    );
  });
});

describe('bucketResult', () => {
  const one = (values: string[]) =>
    addAll(values.map((value, i) => ({ value, time: new Date(base + i), tiebreak: 'x' })));

  it('is null for an empty bucket, whatever the aggregation', () => {
    for (const aggregation of [
      'SUM',
      'COUNT',
      'AVG',
      'MIN',
      'MAX',
      'LATEST',
      'UNIQUE_COUNT',
    ] as const) {
      expect(bucketResult(aggregation, emptyBucket(), 0)).toBeNull();
    }
  });

  it.each([
    [['2', '1'], '1.5'],
    [['2', '0', '0'], '0.666666666667'],
    [['1', '0', '0'], '0.333333333333'],
    [['-2', '0', '0'], '-0.666666666667'],
    [['0.0000000000025'], '0.000000000002'],
    [['0.0000000000035'], '0.000000000004'],
    [['-0.0000000000025'], '-0.000000000002'],
    [['0.000000000005', '0'], '0.000000000002'],
    [['0.0000000000025000001'], '0.000000000003'],
    [['10', '10', '10'], '10'],
  ])('averages %j as %s (half-even, 12 fractional digits)', (values, average) => {
    expect(bucketResult('AVG', one(values))).toBe(average);
  });

  it('counts UNIQUE_COUNT from the distinct values the caller kept', () => {
    expect(bucketResult('UNIQUE_COUNT', one(['1', '1', '1']), 2)).toBe('2');
    expect(bucketResult('UNIQUE_COUNT', one(['1']), 1n)).toBe('1');
    expect(() => bucketResult('UNIQUE_COUNT', one(['1']))).toThrow(TypeError);
  });
});

describe('isDecrementable', () => {
  it('lets only SUM, COUNT and AVG take a measurement back out', () => {
    expect(
      ['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'LATEST', 'UNIQUE_COUNT'].filter((a) =>
        isDecrementable(a as never),
      ),
    ).toEqual(['SUM', 'COUNT', 'AVG']);
  });
});

describe('latestTiebreak', () => {
  it('orders like the pair (source, id)', () => {
    const pairs: Array<[string, string]> = [
      ['a', 'zzz'],
      ['ab', ''],
      ['a b', 'x'],
      ['a', ''],
    ];
    const byPair = [...pairs].sort(
      ([s1, i1], [s2, i2]) => compareByCodePoints(s1, s2) || compareByCodePoints(i1, i2),
    );
    const byTiebreak = [...pairs].sort(([s1, i1], [s2, i2]) =>
      compareByCodePoints(latestTiebreak(s1, i1), latestTiebreak(s2, i2)),
    );
    expect(byTiebreak).toEqual(byPair);
  });
});

function decimalOf(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits).replace(/0+$/, '');
  const plain = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && plain !== '0' ? `-${plain}` : plain;
}

function unitsOf(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`.replace(/^(-?)0+(?=\d)/, '$1'));
}

/** total / 10^scale / count, rounded half-even to 12 digits, by integer arithmetic alone. */
function averageHalfEven(total: bigint, count: bigint): string {
  const numerator = total * 10n ** BigInt(12 - scale);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / count;
  const twice = (magnitude % count) * 2n;
  if (twice > count || (twice === count && quotient % 2n === 1n)) quotient += 1n;
  return decimalOf(negative ? -quotient : quotient, 12);
}

function compareByCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return x.length - y.length;
}

function splitAt<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    parts.push(items.slice(start, point));
    start = point;
  }
  return parts;
}
