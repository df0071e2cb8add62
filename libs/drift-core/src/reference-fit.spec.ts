import fc from 'fast-check';
import type { SampleRow } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { modelSpecSchema } from './model-spec';
import { numericDrift } from './numeric-drift';
import { fitReference } from './reference-fit';
import { sketchOf } from './value-sketch';

const timestamp = '2026-11-25T10:15:00Z';

const model = modelSpecSchema.parse({
  key: 'churn',
  features: [
    { name: 'age', kind: 'numeric', bins: 4 },
    { name: 'plan', kind: 'categorical' },
  ],
  prediction: { name: 'outcome', kind: 'categorical' },
  performance: { metric: 'accuracy' },
  referenceSampleLimit: 1000,
});

const rowsOf = (ages: (number | null)[]): SampleRow[] =>
  ages.map((age, i) => ({
    timestamp,
    features: { age, plan: i % 3 === 0 ? 'pro' : i % 3 === 1 ? true : 7 },
    prediction: i % 2 === 0 ? 'stay' : 'leave',
    ...(i % 4 === 3 ? {} : { label: 'stay' }),
  }));

describe('fitReference', () => {
  it('freezes a numeric column as numericDrift bins it, with moments, sample and sketch', () => {
    const ages = [35, 41, 23, 58, 41, 62, 19, 44, 50, 30];
    const profile = fitReference(rowsOf([...ages, null]), model);
    const expected = numericDrift({ reference: ages, current: ages, bins: 4 });
    const sorted = [...ages].sort((a, b) => a - b);
    const mean = ages.reduce((sum, age) => sum + age, 0) / ages.length;
    expect(profile.features.age).toEqual({
      kind: 'numeric',
      count: 10,
      missing: 1,
      innerEdges: expected.edges.slice(1, -1),
      binCounts: expected.referenceCounts,
      mean: expect.closeTo(mean, 12),
      std: expect.closeTo(
        Math.sqrt(ages.reduce((sum, age) => sum + (age - mean) ** 2, 0) / 10),
        12,
      ),
      min: 19,
      max: 62,
      sample: sorted,
      sketch: sketchOf(ages),
    });
  });

  it('keeps no exact sample beyond the model referenceSampleLimit', () => {
    const ages = Array.from({ length: 1001 }, (_, i) => i);
    const column = fitReference(rowsOf(ages), model).features.age;
    expect(column).toMatchObject({ count: 1001, sample: null, sketch: { count: 1001 } });
    expect(fitReference(rowsOf(ages.slice(1)), model).features.age).toMatchObject({
      sample: ages.slice(1),
    });
  });

  it('counts categories as strings, and the prediction like a feature', () => {
    const profile = fitReference(rowsOf([1, 2, 3, 4, 5, 6, 7]), model);
    expect(profile.features.plan).toEqual({
      kind: 'categorical',
      count: 7,
      missing: 0,
      counts: { pro: 3, true: 2, '7': 2 },
    });
    expect(profile.prediction).toEqual({
      kind: 'categorical',
      count: 7,
      missing: 0,
      counts: { stay: 4, leave: 3 },
    });
    expect(profile.rows).toBe(7);
  });

  it('measures accuracy on the labelled rows with a prediction', () => {
    // Labels on rows 0, 1, 2, 4, 5, 6 (all "stay"); predictions stay on even rows.
    const profile = fitReference(rowsOf([1, 2, 3, 4, 5, 6, 7]), model);
    expect(profile.performance).toEqual({ metric: 'accuracy', value: 4 / 6, labelled: 6 });
  });

  it('measures the mean absolute error of a numeric prediction', () => {
    const mae = modelSpecSchema.parse({
      key: 'price',
      features: [{ name: 'size', kind: 'numeric' }],
      prediction: { name: 'price', kind: 'numeric' },
      performance: { metric: 'mae' },
    });
    const rows: SampleRow[] = [
      { timestamp, features: { size: 1 }, prediction: 10, label: 12 },
      { timestamp, features: { size: 2 }, prediction: 10, label: 9 },
      { timestamp, features: { size: 3 }, prediction: 10, label: null },
      { timestamp, features: { size: 4 }, prediction: null, label: 3 },
    ];
    expect(fitReference(rows, mae).performance).toEqual({ metric: 'mae', value: 1.5, labelled: 2 });
  });

  it('has no performance without labels or without a performance spec', () => {
    const unlabelled = rowsOf([1, 2]).map(({ label: _label, ...row }) => row);
    expect(fitReference(unlabelled, model).performance).toBeNull();
    const plain = modelSpecSchema.parse({
      key: 'plain',
      features: [{ name: 'age', kind: 'numeric' }],
    });
    const profile = fitReference(rowsOf([1, 2]), plain);
    expect(profile.performance).toBeNull();
    expect(profile.prediction).toBeNull();
    expect(Object.keys(profile.features)).toEqual(['age']);
  });

  it('gives the same profile for the same rows in any order', () => {
    const rowLists = fc
      .array(fc.option(fc.integer({ min: -50, max: 50 })), { minLength: 1, maxLength: 60 })
      .filter((ages) => ages.some((age) => age !== null))
      .map(rowsOf)
      .chain((rows) =>
        fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
      );
    fc.assert(
      fc.property(rowLists, ([rows, shuffled]) => {
        expect(fitReference(shuffled, model)).toEqual(fitReference(rows, model));
      }),
    );
  });

  it('refuses no rows', () => {
    expect(() => fitReference([], model)).toThrow(
      expect.objectContaining({ status: 422, detail: 'there are no rows' }),
    );
  });

  it('lists the first 20 unusable rows by index, counts the rest, and names empty columns', () => {
    const rows = rowsOf(Array.from({ length: 30 }, () => null));
    rows.forEach((row, i) => {
      if (i >= 5) Object.assign(row, { features: { ...row.features, age: 'old' } });
    });
    const listed = Array.from(
      { length: 20 },
      (_, i) => `rows[${i + 5}]: features.age is "old", not a number`,
    );
    const attempt = () => fitReference(rows, model);
    expect(attempt).toThrow(InvalidDriftInputError);
    expect(attempt).toThrow(
      expect.objectContaining({
        detail: [
          ...listed,
          '5 more rows cannot be used',
          'features.age has no value in any usable row',
        ].join('; '),
      }),
    );
  });
});
