import { compareCodeUnits } from '@tenantry/common';
import fc from 'fast-check';
import type { NumericWindowColumn, SampleRow, WindowState } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { modelSpecSchema } from './model-spec';
import { fitReference } from './reference-fit';
import { featureValue } from './sample-row';
import { sketchOf } from './value-sketch';
import {
  EXACT_WINDOW_LIMIT,
  emptyWindowState,
  foldRows,
  mergeWindowStates,
  windowStateChecksum,
} from './window-state';

const timestamp = '2026-11-25T10:15:00Z';

const model = modelSpecSchema.parse({
  key: 'price',
  features: [
    { name: 'size', kind: 'numeric', bins: 4 },
    { name: 'rooms', kind: 'numeric' },
    { name: 'city', kind: 'categorical' },
  ],
  prediction: { name: 'price', kind: 'numeric' },
  performance: { metric: 'mae' },
});

const referenceRows: SampleRow[] = Array.from({ length: 200 }, (_, i) => ({
  timestamp,
  features: { size: (i * 37) % 101, rooms: i % 5, city: i % 3 === 0 ? 'oslo' : 'rome' },
  prediction: i,
  label: i + 1,
}));
const reference = fitReference(referenceRows, model);
const empty = emptyWindowState(model, reference);

const row = fc.record({
  timestamp: fc.constant(timestamp),
  features: fc.record({
    size: fc.option(fc.double({ min: -200, max: 200, noNaN: true }), { freq: 5 }),
    rooms: fc.option(fc.constantFrom(-0, 0, 1, 2, 2.5, 7)),
    city: fc.option(fc.constantFrom('oslo', 'rome', 'paris', true, 3)),
  }),
  prediction: fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
  label: fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
});

// Rows and the same rows shuffled and cut into batches at random.
const batchedRows = (maxLength: number) =>
  fc.array(row, { maxLength }).chain((rows) =>
    fc
      .tuple(
        fc.shuffledSubarray(rows, { minLength: rows.length }),
        fc.uniqueArray(fc.nat(rows.length), { maxLength: 5 }),
      )
      .map(([shuffled, cuts]) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
        return { rows, batches: bounds.slice(1).map((end, i) => shuffled.slice(bounds[i], end)) };
      }),
  );

const fold = (rows: SampleRow[], state: WindowState = empty) =>
  foldRows(state, rows, model, reference);

describe('foldRows', () => {
  it('counts bins on the reference edges, extremes, exact values, sketch, categories and errors', () => {
    const rows: SampleRow[] = [
      { timestamp, features: { size: 80, rooms: 2, city: 'rome' }, prediction: 10, label: 12.5 },
      { timestamp, features: { size: -3, rooms: null, city: true }, prediction: 10, label: null },
      { timestamp, features: { size: 50, city: 'paris' }, prediction: 1 / 3, label: 0 },
    ];
    const state = fold(rows);
    const edges =
      reference.features.size!.kind === 'numeric' ? reference.features.size!.innerEdges : [];
    expect(edges).toEqual([24.75, 50, 75.25]);
    expect(state).toEqual({
      rows: 3,
      features: {
        size: {
          kind: 'numeric',
          count: 3,
          missing: 0,
          binCounts: [1, 0, 1, 1],
          min: -3,
          max: 80,
          values: [-3, 50, 80],
          sketch: sketchOf([80, -3, 50]),
        },
        rooms: expect.objectContaining({ count: 1, missing: 2, values: [2], min: 2, max: 2 }),
        city: { kind: 'categorical', count: 3, missing: 0, counts: { rome: 1, true: 1, paris: 1 } },
      },
      prediction: expect.objectContaining({ count: 3, missing: 0 }),
      performance: { labelled: 2, correct: 0, absoluteErrorMicros: 2_500_000 + 333_333 },
    });
  });

  it('gives the same state for any split of the rows into batches, in any order', () => {
    fc.assert(
      fc.property(batchedRows(EXACT_WINDOW_LIMIT + 300), ({ rows, batches }) => {
        const whole = fold(rows);
        const sequential = batches.reduce((state, batch) => fold(batch, state), empty);
        const merged = batches.map((batch) => fold(batch)).reduceRight(mergeWindowStates, empty);
        expect(sequential).toEqual(whole);
        expect(merged).toEqual(whole);
        expect(JSON.parse(JSON.stringify(merged))).toEqual(whole);
        expect(windowStateChecksum(merged)).toBe(windowStateChecksum(whole));
      }),
      { numRuns: 40 },
    );
  });

  it('reads features as featureValue does, whatever order, number or kind of keys rows have', () => {
    // Each row's features rebuilt in a random order, some dropped, some added; the state must be
    // that of the same rows with every feature read by name.
    const reordered = fc.array(
      fc.tuple(row, fc.func(fc.boolean()), fc.boolean()).chain(([sampleRow, keep, extra]) =>
        fc
          .shuffledSubarray(
            Object.entries(sampleRow.features).filter((_, i) => keep(i)),
            { minLength: 0 },
          )
          .map((entries) => ({
            ...sampleRow,
            features: Object.fromEntries(extra ? [...entries, ['other', 'x']] : entries),
          })),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(reordered, (rows) => {
        const byName = rows.map((sampleRow) => ({
          ...sampleRow,
          features: Object.fromEntries(
            model.features.map((spec) => [spec.name, featureValue(sampleRow, spec.name)]),
          ),
        }));
        expect(fold(rows)).toEqual(fold(byName));
      }),
      { numRuns: 60 },
    );
  });

  it('reads own features only, enumerable or not', () => {
    const hidden = { size: 1, rooms: 2 };
    Object.defineProperty(hidden, 'city', { value: 'oslo', enumerable: false });
    const inherited = Object.assign(Object.create({ size: 5, city: 'rome' }) as object, {
      rooms: 3,
    });
    const rows: SampleRow[] = [
      { timestamp, features: { size: 4, rooms: 1, city: 'rome' } },
      { timestamp, features: hidden },
      { timestamp, features: inherited },
    ];
    const state = fold(rows);
    expect(state.features.size).toMatchObject({ count: 2, missing: 1, min: 1, max: 4 });
    expect(state.features.rooms).toMatchObject({ count: 3, values: [1, 2, 3] });
    expect(state.features.city).toMatchObject({
      count: 2,
      missing: 1,
      counts: { oslo: 1, rome: 1 },
    });
  });

  it('keeps exact values up to EXACT_WINDOW_LIMIT and only the sketch beyond', () => {
    const rows = (n: number, from = 0): SampleRow[] =>
      Array.from({ length: n }, (_, i) => ({ timestamp, features: { size: from + i } }));
    const size = (state: WindowState) => state.features.size as NumericWindowColumn;
    expect(size(fold(rows(EXACT_WINDOW_LIMIT))).values).toHaveLength(EXACT_WINDOW_LIMIT);
    expect(size(fold(rows(EXACT_WINDOW_LIMIT + 1))).values).toBeNull();
    const [first, second] = [fold(rows(400)), fold(rows(600, 400))];
    expect(size(mergeWindowStates(first, second)).values).toEqual(
      rows(1000).map((r) => r.features.size),
    );
    expect(size(mergeWindowStates(second, fold(rows(401)))).values).toBeNull();
    expect(size(fold(rows(1), fold(rows(EXACT_WINDOW_LIMIT)))).values).toBeNull();
  });

  it('counts accuracy hits on labelled rows with a prediction', () => {
    const accuracy = modelSpecSchema.parse({
      key: 'churn',
      features: [{ name: 'city', kind: 'categorical' }],
      prediction: { name: 'outcome', kind: 'categorical' },
      performance: { metric: 'accuracy' },
    });
    const labelled = (prediction: string | null, label: string | boolean | null): SampleRow => ({
      timestamp,
      features: { city: 'rome' },
      prediction,
      label,
    });
    const frozen = fitReference([labelled('stay', 'stay'), labelled('true', null)], accuracy);
    const rows = [
      labelled('stay', 'stay'),
      labelled('true', true),
      labelled('leave', 'stay'),
      labelled(null, 'x'),
    ];
    expect(
      foldRows(emptyWindowState(accuracy, frozen), rows, accuracy, frozen).performance,
    ).toEqual({
      labelled: 3,
      correct: 2,
      absoluteErrorMicros: 0,
    });
  });

  it('refuses a state that lacks a column, the prediction or the performance of the model', () => {
    const rows = referenceRows.slice(0, 2);
    const { size: _size, ...features } = empty.features;
    expect(() => fold(rows, { ...empty, features })).toThrow(
      'the window state has no features.size',
    );
    expect(() => fold(rows, { ...empty, prediction: null })).toThrow(InvalidDriftInputError);
    expect(() => fold(rows, { ...empty, performance: null })).toThrow(InvalidDriftInputError);
  });

  it('returns the state itself for no rows', () => {
    expect(fold([])).toBe(empty);
  });
});

describe('emptyWindowState', () => {
  it('starts every column at zero on the reference bins', () => {
    expect(empty.rows).toBe(0);
    expect(empty.features.size).toEqual({
      kind: 'numeric',
      count: 0,
      missing: 0,
      binCounts: [0, 0, 0, 0],
      min: null,
      max: null,
      values: [],
      sketch: sketchOf([]),
    });
    expect(empty.performance).toEqual({ labelled: 0, correct: 0, absoluteErrorMicros: 0 });
  });

  it('refuses a reference without a column of the model, or of another kind', () => {
    const other = modelSpecSchema.parse({
      ...model,
      features: [{ name: 'city', kind: 'numeric' }],
    });
    expect(() => emptyWindowState(other, reference)).toThrow(
      'the reference has no numeric features.city',
    );
    const missing = modelSpecSchema.parse({
      ...model,
      features: [{ name: 'constructor', kind: 'numeric' }],
    });
    expect(() => emptyWindowState(missing, reference)).toThrow(InvalidDriftInputError);
  });
});

describe('mergeWindowStates', () => {
  it('refuses states of different features or bins', () => {
    const other = modelSpecSchema.parse({
      ...model,
      features: [{ name: 'size', kind: 'numeric' }],
    });
    const otherReference = fitReference(referenceRows, other);
    expect(() => mergeWindowStates(empty, emptyWindowState(other, otherReference))).toThrow(
      'window states of different features cannot be merged',
    );
    const rebinned = modelSpecSchema.parse({
      ...model,
      features: model.features.map((f) => (f.name === 'size' ? { ...f, bins: 8 } : f)),
    });
    const rebinnedState = emptyWindowState(rebinned, fitReference(referenceRows, rebinned));
    expect(() => mergeWindowStates(empty, rebinnedState)).toThrow(InvalidDriftInputError);
  });
});

describe('windowStateChecksum', () => {
  it('is equal exactly when the states are equal', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(row, { maxLength: 8 }), (a, b) => {
        const [left, right] = [fold(a), fold(b)];
        const equal =
          JSON.stringify(canonicalOrder(left)) === JSON.stringify(canonicalOrder(right));
        expect(windowStateChecksum(left) === windowStateChecksum(right)).toBe(equal);
      }),
    );
  });

  it('does not depend on the order of keys, as a database may store them', () => {
    const state = fold(referenceRows.slice(0, 20));
    const reversed = JSON.parse(JSON.stringify(reverseKeys(state))) as WindowState;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(state));
    expect(windowStateChecksum(reversed)).toBe(windowStateChecksum(state));
    expect(windowStateChecksum(state)).toMatch(/^[0-9a-f]{64}$/);
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

function canonicalOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalOrder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([k, v]) => [k, canonicalOrder(v)]),
  );
}
