import type { Aggregation } from './meter';
import {
  usageDecimalString,
  parseUsageDecimal,
  UsageDecimal,
  type UsageDecimalValue,
} from './usage-value';

/** The value with the latest event time in a bucket, and what breaks ties between equal times. */
export interface LatestValue {
  /** Event time, ISO 8601 UTC (Date.toISOString). */
  time: string;
  /** Canonical decimal string. */
  value: string;
  /** latestTiebreak(source, id) of the event. */
  tiebreak: string;
}

/**
 * What a bucket (one meter, minute, subject and group) keeps so that every aggregation can be
 * answered and buckets can be merged into windows. Amounts are canonical decimal strings.
 */
export interface BucketState {
  /** Number of measurements, an integer string. */
  count: string;
  sum: string;
  min: string | null;
  max: string | null;
  latest: LatestValue | null;
}

/** AVG is rounded half-even to this many fractional digits, and nowhere else is anything rounded. */
export const averageFractionDigits = 12;

/** A bucket with no measurements: the identity of mergeBuckets. */
export function emptyBucket(): BucketState {
  return { count: '0', sum: '0', min: null, max: null, latest: null };
}

/** One measurement to add to a bucket: a decimal string, its event time and its LATEST tiebreak. */
export interface MeasuredValue {
  value: string;
  time: Date;
  tiebreak: string;
}

/**
 * A bucket with one more measurement. `value` is a decimal string; for UNIQUE_COUNT, whose
 * values are not numbers, the caller keeps the distinct values beside the state and adds '1'.
 */
export function addMeasurement(
  state: BucketState,
  value: string,
  time: Date,
  tiebreak: string,
): BucketState {
  return addMeasurements(state, [{ value, time, tiebreak }]);
}

/**
 * A bucket with the measurements added, as adding them one by one would give; each amount is
 * parsed once and the state's strings are written once (ingestion adds thousands per chunk).
 */
export function addMeasurements(
  state: BucketState,
  measured: readonly MeasuredValue[],
): BucketState {
  let sum = parseUsageDecimal(state.sum);
  let min = state.min === null ? null : parseUsageDecimal(state.min);
  let max = state.max === null ? null : parseUsageDecimal(state.max);
  let latest = state.latest && {
    at: Date.parse(state.latest.time),
    tiebreak: state.latest.tiebreak,
    amount: parseUsageDecimal(state.latest.value),
  };
  for (const { value, time, tiebreak } of measured) {
    const amount = parseUsageDecimal(value);
    if (Number.isNaN(time.getTime())) throw new RangeError('a measurement needs a valid time');
    sum = sum.plus(amount);
    if (min === null || amount.lessThan(min)) min = amount;
    if (max === null || amount.greaterThan(max)) max = amount;
    // As laterOf: the earlier holder gives way only to a strictly later (time, tiebreak, value).
    const order =
      latest === null
        ? -1
        : latest.at - time.getTime() ||
          compareCodePoints(latest.tiebreak, tiebreak) ||
          latest.amount.comparedTo(amount);
    if (order < 0) latest = { at: time.getTime(), tiebreak, amount };
  }
  return {
    count: (BigInt(state.count) + BigInt(measured.length)).toString(),
    sum: usageDecimalString(sum),
    min: min && usageDecimalString(min),
    max: max && usageDecimalString(max),
    latest: latest && {
      time: new Date(latest.at).toISOString(),
      value: usageDecimalString(latest.amount),
      tiebreak: latest.tiebreak,
    },
  };
}

/**
 * Combines two buckets as if all their measurements had been added to one. Associative and
 * commutative with emptyBucket as identity, so any split or arrival order gives one answer.
 */
export function mergeBuckets(a: BucketState, b: BucketState): BucketState {
  return {
    count: (BigInt(a.count) + BigInt(b.count)).toString(),
    sum: usageDecimalString(parseUsageDecimal(a.sum).plus(parseUsageDecimal(b.sum))),
    min: extreme(a.min, b.min, -1),
    max: extreme(a.max, b.max, 1),
    latest: laterOf(a.latest, b.latest),
  };
}

/**
 * The aggregated value of a bucket or window; null when it holds no measurements.
 * UNIQUE_COUNT needs `distinctCount`, the number of distinct values the caller kept.
 */
export function bucketResult(
  aggregation: Aggregation,
  state: BucketState,
  distinctCount?: number | bigint,
): string | null {
  if (state.count === '0') return null;
  switch (aggregation) {
    case 'SUM':
      return state.sum;
    case 'COUNT':
      return state.count;
    case 'AVG':
      return average(state.sum, state.count);
    case 'MIN':
      return state.min;
    case 'MAX':
      return state.max;
    case 'LATEST':
      return state.latest?.value ?? null;
    case 'UNIQUE_COUNT':
      if (distinctCount === undefined) {
        throw new TypeError('UNIQUE_COUNT needs the number of distinct values');
      }
      return distinctCount.toString();
  }
}

/**
 * Whether a measurement can be taken back out of a bucket (a void or an amend) by subtracting
 * it. MIN, MAX, LATEST and UNIQUE_COUNT cannot: their buckets are recomputed from raw events.
 */
export function isDecrementable(aggregation: Aggregation): boolean {
  return aggregation === 'SUM' || aggregation === 'COUNT' || aggregation === 'AVG';
}

/**
 * What orders two events of the same time for LATEST: source, then id. U+001F separates them
 * (usage events refuse control characters, and PostgreSQL text cannot hold U+0000), so the
 * joined string sorts like the pair; compare it by code point (COLLATE "C" in PostgreSQL).
 */
export function latestTiebreak(source: string, id: string): string {
  return `${source}\u001f${id}`;
}

/** Average rounded half-even to averageFractionDigits, computed exactly (no double rounding). */
function average(sum: string, count: string): string {
  const scaled = parseUsageDecimal(sum).times(new UsageDecimal(10).pow(averageFractionDigits));
  const divisor = new UsageDecimal(count);
  let quotient: UsageDecimalValue = scaled.divToInt(divisor);
  const twiceRemainder = scaled.minus(quotient.times(divisor)).abs().times(2);
  const versusHalf = twiceRemainder.comparedTo(divisor);
  if (versusHalf > 0 || (versusHalf === 0 && !quotient.mod(2).isZero())) {
    quotient = quotient.plus(scaled.isNegative() ? -1 : 1);
  }
  return usageDecimalString(quotient.dividedBy(new UsageDecimal(10).pow(averageFractionDigits)));
}

function extreme(a: string | null, b: string | null, sign: 1 | -1): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return parseUsageDecimal(a).comparedTo(parseUsageDecimal(b)) * sign >= 0 ? a : b;
}

function laterOf(a: LatestValue | null, b: LatestValue | null): LatestValue | null {
  if (a === null) return b;
  if (b === null) return a;
  const order =
    Date.parse(a.time) - Date.parse(b.time) ||
    compareCodePoints(a.tiebreak, b.tiebreak) ||
    parseUsageDecimal(a.value).comparedTo(parseUsageDecimal(b.value));
  return order >= 0 ? a : b;
}

/** Orders strings by Unicode code point (UTF-16 order differs for characters above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Moves surrogates (D800–DFFF) above E000–FFFF, where the code points they encode belong.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
