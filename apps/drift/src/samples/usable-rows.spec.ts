import { modelSpecSchema } from '@tenantry/drift-core';
import { fixtureModel, sampleRows } from '../../test/drift-fixtures';
import { InvalidSampleRowsError } from './invalid-sample-rows.error';
import { usableRows, usableSampleRows } from './usable-rows';

const model = modelSpecSchema.parse(fixtureModel());

function problems(rows: unknown[]): Array<{ row: number; problems: string[] }> {
  try {
    usableRows(rows, model);
  } catch (error) {
    if (error instanceof InvalidSampleRowsError) {
      return error.members.errors as Array<{ row: number; problems: string[] }>;
    }
    throw error;
  }
  return [];
}

describe('usableRows', () => {
  const good: Record<string, unknown> = { ...sampleRows({ count: 1, seed: 1 })[0] };

  it('passes rows the model can use', () => {
    const rows = sampleRows({ count: 20, seed: 2 });
    expect(usableRows(rows, model)).toBe(rows);
  });

  it('names every problem of every bad row, shape and values alike, each field once', () => {
    const features = good.features as Record<string, unknown>;
    expect(
      problems([
        good,
        { ...good, timestamp: 'yesterday', features: { ...features, age: 'abc' } },
        'not a row',
        { ...good, features: { ...features, plan: { tier: 1 } }, extra: true },
        { timestamp: good.timestamp },
      ]),
    ).toEqual([
      {
        row: 1,
        problems: [expect.stringMatching(/^timestamp/), 'features.age is "abc", not a number'],
      },
      { row: 2, problems: [expect.stringMatching(/^row/)] },
      {
        row: 3,
        problems: expect.arrayContaining([
          expect.stringMatching(/^features\.plan/),
          expect.stringMatching(/extra/),
        ]),
      },
      { row: 4, problems: [expect.stringMatching(/^features/)] },
    ]);
  });

  it('refuses a whole batch for one bad row and says how many rows were bad', () => {
    const rows = sampleRows({ count: 30, seed: 3 }).map((row, index) =>
      index % 2 === 0 ? { ...row, prediction: ['stay'] } : row,
    );
    expect(() => usableRows(rows, model)).toThrow(/15 of 30 row\(s\) cannot be used/);
  });
});

describe('usableSampleRows', () => {
  it('passes rows of the right shape that the model can use', () => {
    const rows = sampleRows({ count: 20, seed: 4 });
    expect(usableSampleRows(rows, model)).toBe(rows);
  });

  it('refuses rows of the right shape that the model cannot use, naming the field', () => {
    const [first, second] = sampleRows({ count: 2, seed: 5 });
    const rows = [first!, { ...second!, features: { ...second!.features, age: 'old' } }];
    expect(() => usableSampleRows(rows, model)).toThrow(
      /1 of 2 row\(s\) cannot be used.*features\.age is "old", not a number/,
    );
  });
});
