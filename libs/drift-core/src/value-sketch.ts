import { DDSketch } from '@datadog/sketches-js';
import protoRoot from '@datadog/sketches-js/dist/ddsketch/proto/compiled';
import type { SerializedSketch } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';

/** Relative accuracy of every sketch: a quantile it answers is within 1 % of a value of that rank. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

/** The values one bucket of a sketch stands for, and how many it holds. */
export interface SketchBucket {
  /** Least and greatest value the bucket holds (both 0 for the bucket of zeros). */
  lower: number;
  upper: number;
  count: number;
}

/**
 * Keys a store keeps: magnitudes more than gamma^2047 (about 6e17) times smaller than the
 * largest one share its lowest key, as in DDSketch's collapsing-lowest stores. This bounds a
 * sketch to 2 x 16 KiB whatever the values, and only loses values too small to matter beside it.
 */
const KEY_LIMIT = 2048;

// Bucket counts of consecutive keys from `offset` on, trimmed of zero counts at both ends and
// collapsed to KEY_LIMIT keys, so that one multiset of values has exactly one form whatever
// order or batches it came in.
interface KeyCounts {
  offset: number;
  counts: number[];
}

interface SketchContent {
  positive: KeyCounts;
  negative: KeyCounts;
  zero: number;
}

const mapping = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY }).mapping;

// The library's protobuf codec, whose typings declare only a Root: DDSketch.fromProto rebuilds a
// store one bin at a time, growing and re-centring it as it goes, which a fold cannot afford.
interface EncodedStore {
  contiguousBinCounts: number[];
  contiguousBinIndexOffset: number;
}
const protoSketch = (
  protoRoot as unknown as {
    DDSketch: {
      decode(bytes: Uint8Array): {
        positiveValues: EncodedStore | null;
        negativeValues: EncodedStore | null;
        zeroCount: number;
      };
    };
  }
).DDSketch;

/** A sketch of finite values (empty for none). */
export function sketchOf(values: ArrayLike<number>): SerializedSketch {
  return serialized(contentOfValues(values));
}

/** The sketch of a sketch's values and more: {@link mergeSketches} with {@link sketchOf}, in one pass. */
export function addToSketch(sketch: SerializedSketch, values: ArrayLike<number>): SerializedSketch {
  if (values.length === 0) return sketch;
  const added = contentOfValues(values);
  if (sketch.count === 0) return serialized(added);
  return serialized(summed(contentOf(sketch), added));
}

/**
 * The sketch of the union of two sketches' values: bucket counts added, so any split of the
 * values over sketches merges to the same bytes.
 */
export function mergeSketches(a: SerializedSketch, b: SerializedSketch): SerializedSketch {
  if (a.relativeAccuracy !== b.relativeAccuracy) {
    throw new InvalidDriftInputError(
      `sketches of relative accuracy ${a.relativeAccuracy} and ${b.relativeAccuracy} cannot be merged`,
    );
  }
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  return serialized(summed(contentOf(a), contentOf(b)));
}

/**
 * The value at quantile `q` as DDSketch answers it: the bucket holding the value of rank
 * floor(q (count - 1)) (0-based), within the relative accuracy of that value (a collapsed one
 * answers the least magnitude kept, see KEY_LIMIT).
 */
export function sketchQuantile(sketch: SerializedSketch, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new InvalidDriftInputError(`quantile ${q} is not in [0, 1]`);
  if (sketch.count === 0) throw new InvalidDriftInputError('an empty sketch has no quantiles');
  return DDSketch.fromProto(bytesOf(sketch)).getValueAtQuantile(q);
}

/**
 * The non-empty buckets of a sketch in ascending order of value, on the keys the merge of it
 * with `sharedWith` would keep: two sketches' buckets taken so are equal or disjoint, and the
 * count of values at or below a bucket's upper end is exact.
 */
export function sketchBuckets(
  sketch: SerializedSketch,
  sharedWith: SerializedSketch = sketch,
): SketchBucket[] {
  if (sketch.count === 0) return [];
  const own = contentOf(sketch);
  const other = sharedWith === sketch ? own : contentOf(sharedWith);
  const negative = collapsedLike(own.negative, other.negative);
  const positive = collapsedLike(own.positive, other.positive);
  const buckets: SketchBucket[] = [];
  for (let index = negative.counts.length - 1; index >= 0; index--) {
    const count = negative.counts[index]!;
    if (count === 0) continue;
    const [lower, upper] = keyRange(negative.offset + index);
    buckets.push({ lower: -upper, upper: -lower, count });
  }
  if (own.zero > 0) buckets.push({ lower: 0, upper: 0, count: own.zero });
  positive.counts.forEach((count, index) => {
    if (count === 0) return;
    const [lower, upper] = keyRange(positive.offset + index);
    buckets.push({ lower, upper, count });
  });
  return buckets;
}

// Key k holds the magnitudes in (gamma^(k-1), gamma^k]; the mapping answers the middle of that
// range in the relative sense, 2 gamma^k / (1 + gamma).
function keyRange(key: number): [number, number] {
  const upper = (mapping.value(key) * (1 + mapping.gamma)) / 2;
  return [upper / mapping.gamma, upper];
}

function contentOfValues(values: ArrayLike<number>): SketchContent {
  const positive = new Int32Array(values.length);
  const negative = new Int32Array(values.length);
  let positives = 0;
  let negatives = 0;
  let zero = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    // value - value is NaN exactly when the value is NaN or an infinity.
    if (value - value !== 0) {
      throw new InvalidDriftInputError(`values[${index}] is ${String(value)}, not a finite number`);
    }
    if (value > mapping.minPossible) positive[positives++] = keyOf(value);
    else if (value < -mapping.minPossible) negative[negatives++] = keyOf(-value);
    else zero++;
  }
  return {
    positive: countsOfKeys(positive.subarray(0, positives)),
    negative: countsOfKeys(negative.subarray(0, negatives)),
    zero,
  };
}

/**
 * mapping.key(magnitude), looked up where it can be: Math.log2 costs more than the rest of
 * sketching a batch. The normal magnitudes that share an exponent and the top CELL_BITS bits of
 * their mantissa form a cell, 0.1 % wide. A cell records a key when magnitudes a millionth below
 * its least and above its greatest map to it: the mapping's logarithm only grows, and its computed
 * value errs by far less (some 1e-11) than it moves over that millionth (5e-5), so every magnitude
 * of the cell maps to that key too. Other cells (1 in 30) and subnormals compute their keys.
 */
function keyOf(magnitude: number): number {
  doubleBits[0] = magnitude;
  const high = doubleWords[HIGH_WORD]!;
  const exponent = high >>> 20;
  const keys = cellKeys[exponent] ?? cellKeysOf(exponent);
  const key = keys[(high >>> (20 - CELL_BITS)) & CELL_MASK]!;
  return key === COMPUTE_KEY ? mapping.key(magnitude) : key;
}

const CELL_BITS = 10;
const CELL_MASK = (1 << CELL_BITS) - 1;
// Low bits of the high word of a double below the cell's.
const CELL_REST = (1 << (20 - CELL_BITS)) - 1;
// Keys of finite doubles lie within ±40,000: this one marks a cell whose magnitudes compute theirs.
const COMPUTE_KEY = 0x7fffffff;
const doubleBits = new Float64Array(1);
const doubleWords = new Uint32Array(doubleBits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
// The keys of the cells of each exponent, filled as magnitudes of that exponent come.
const cellKeys = new Array<Int32Array | null>(2048).fill(null);

function cellKeysOf(exponent: number): Int32Array {
  const keys = new Int32Array(1 << CELL_BITS).fill(COMPUTE_KEY);
  // Exponent 0 holds the subnormals (and 2047 no finite double).
  if (exponent > 0 && exponent < 2047) {
    for (let cell = 0; cell < keys.length; cell++) {
      const high = (exponent << 20) | (cell << (20 - CELL_BITS));
      const key = mapping.key(doubleOf(high, 0) * (1 - 1e-6));
      if (mapping.key(doubleOf(high | CELL_REST, -1) * (1 + 1e-6)) === key) keys[cell] = key;
    }
  }
  cellKeys[exponent] = keys;
  return keys;
}

function doubleOf(high: number, low: number): number {
  doubleWords[HIGH_WORD] = high;
  doubleWords[1 - HIGH_WORD] = low;
  return doubleBits[0]!;
}

function summed(a: SketchContent, b: SketchContent): SketchContent {
  return {
    positive: addedCounts(a.positive, b.positive),
    negative: addedCounts(a.negative, b.negative),
    zero: a.zero + b.zero,
  };
}

function countsOfKeys(keys: Int32Array): KeyCounts {
  if (keys.length === 0) return { offset: 0, counts: [] };
  let lowest = keys[0]!;
  let highest = lowest;
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index]!;
    if (key < lowest) lowest = key;
    else if (key > highest) highest = key;
  }
  const offset = Math.max(lowest, highest - KEY_LIMIT + 1);
  // Counted in a typed array: incrementing a plain array's elements costs more than the keys.
  const counts = new Float64Array(highest - offset + 1);
  for (let index = 0; index < keys.length; index++) {
    counts[Math.max(keys[index]!, offset) - offset]!++;
  }
  return { offset, counts: Array.from(counts) };
}

function canonical(bins: readonly number[], offset: number): KeyCounts {
  let first = 0;
  let end = bins.length;
  while (first < end && bins[first] === 0) first++;
  while (end > first && bins[end - 1] === 0) end--;
  if (first === end) return { offset: 0, counts: [] };
  const kept = Math.max(first, end - KEY_LIMIT);
  const counts = bins.slice(kept, end);
  for (let index = first; index < kept; index++) counts[0]! += bins[index]!;
  return { offset: offset + kept, counts };
}

function addedCounts(a: KeyCounts, b: KeyCounts): KeyCounts {
  if (b.counts.length === 0) return a;
  if (a.counts.length === 0) return b;
  const offset = Math.min(a.offset, b.offset);
  const end = Math.max(a.offset + a.counts.length, b.offset + b.counts.length);
  const counts = new Array<number>(end - offset).fill(0);
  a.counts.forEach((count, index) => (counts[a.offset - offset + index]! += count));
  b.counts.forEach((count, index) => (counts[b.offset - offset + index]! += count));
  return canonical(counts, offset);
}

// The counts as KEY_LIMIT would collapse them in a merge with `other`.
function collapsedLike(counts: KeyCounts, other: KeyCounts): KeyCounts {
  if (counts.counts.length === 0 || other.counts.length === 0) return counts;
  const end = Math.max(counts.offset + counts.counts.length, other.offset + other.counts.length);
  const lowestKept = end - KEY_LIMIT;
  const collapsed = lowestKept - counts.offset;
  if (collapsed <= 0) return counts;
  if (collapsed >= counts.counts.length)
    return { offset: lowestKept, counts: [sum(counts.counts)] };
  const kept = counts.counts.slice(collapsed);
  for (let index = 0; index < collapsed; index++) kept[0]! += counts.counts[index]!;
  return { offset: lowestKept, counts: kept };
}

/**
 * The content of the sketches this module wrote, while they live: a window's sketch is merged
 * again and again, and decoding it each time costs a fold about as much as sketching the values.
 * Kept with the proto it was written as, in case the object is changed.
 */
const knownContents = new WeakMap<SerializedSketch, { proto: string; content: SketchContent }>();

function contentOf(sketch: SerializedSketch): SketchContent {
  if (sketch.relativeAccuracy !== SKETCH_RELATIVE_ACCURACY) {
    throw new InvalidDriftInputError(
      `sketches have relative accuracy ${SKETCH_RELATIVE_ACCURACY}, not ${sketch.relativeAccuracy}`,
    );
  }
  const known = knownContents.get(sketch);
  if (known?.proto === sketch.proto) return known.content;
  const decoded = protoSketch.decode(bytesOf(sketch));
  return {
    positive: storeContent(decoded.positiveValues),
    negative: storeContent(decoded.negativeValues),
    zero: decoded.zeroCount,
  };
}

function storeContent(store: EncodedStore | null): KeyCounts {
  return store
    ? canonical(store.contiguousBinCounts, store.contiguousBinIndexOffset)
    : { offset: 0, counts: [] };
}

// The library writes its stores as they lie in memory, padding and offset depending on the
// order values came in; handing it trimmed stores makes the bytes a function of the counts.
function serialized({ positive, negative, zero }: SketchContent): SerializedSketch {
  const sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
  sketch.store.bins = positive.counts;
  sketch.store.offset = positive.offset;
  sketch.negativeStore.bins = negative.counts;
  sketch.negativeStore.offset = negative.offset;
  sketch.zeroCount = zero;
  const count = sum(positive.counts) + sum(negative.counts) + zero;
  const proto = Buffer.from(sketch.toProto()).toString('base64');
  const serializedSketch = { relativeAccuracy: SKETCH_RELATIVE_ACCURACY, count, proto };
  knownContents.set(serializedSketch, { proto, content: { positive, negative, zero } });
  return serializedSketch;
}

function bytesOf(sketch: SerializedSketch): Uint8Array {
  return Buffer.from(sketch.proto, 'base64');
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]!;
  return total;
}
