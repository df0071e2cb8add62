import { modelSpecSchema } from '@tenantry/drift-core';
import { fixtureModel } from '../../test/drift-fixtures';
import { InvalidSampleRowsError } from '../samples/invalid-sample-rows.error';
import { EmptyReferenceError } from './empty-reference.error';
import { UnreadableRow } from './ndjson-rows';
import { fitUploadedReference } from './reference-fitting';
import { UploadLimitExceededError } from './upload-limit-exceeded.error';

const model = modelSpecSchema.parse(fixtureModel());
const uploadTime = new Date('2026-02-01T12:00:00Z');
const rowOf = (index: number) => ({
  features: { age: index, income: 2 * index, plan: index % 2 ? 'pro' : 'basic', region: 'eu' },
  prediction: index % 3 ? 'stays' : 'churns',
});
const upload = (rows: unknown[], maxRows = 10_000) =>
  fitUploadedReference({ kind: 'upload', format: 'csv', rows }, model, maxRows, uploadTime);

describe('fitUploadedReference', () => {
  it('fits the profile fitReference would, from rows that arrive one by one', async () => {
    const rows = Array.from({ length: 2_500 }, (_, index) => rowOf(index));
    const { profile, source } = await upload(rows);
    expect(source).toEqual({ kind: 'upload', format: 'csv', rows: 2_500 });
    expect(profile.rows).toBe(2_500);
    expect(profile.features.age).toMatchObject({
      kind: 'numeric',
      count: 2_500,
      min: 0,
      max: 2_499,
    });
    expect(profile.features.plan).toMatchObject({ counts: { basic: 1_250, pro: 1_250 } });
  });

  it('takes exactly the row limit and refuses one row more with 413 naming it', async () => {
    const rows = Array.from({ length: 11 }, (_, index) => rowOf(index));
    await expect(upload(rows.slice(0, 10), 10)).resolves.toMatchObject({ profile: { rows: 10 } });
    const refusal = await upload(rows, 10).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UploadLimitExceededError);
    expect(refusal).toMatchObject({ status: 413, members: { limit: 'rows', maximum: 10 } });
  });

  it('lists the first 20 unusable rows by index and counts them all', async () => {
    const rows = Array.from({ length: 100 }, (_, index) =>
      index % 3 === 0 ? new UnreadableRow('not valid JSON') : rowOf(index),
    );
    const refusal = await upload(rows).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidSampleRowsError);
    const { members } = refusal as InvalidSampleRowsError;
    expect(members).toMatchObject({ invalidRows: 34, rows: 100 });
    expect((members.errors as Array<{ row: number }>).map(({ row }) => row)).toEqual(
      Array.from({ length: 20 }, (_, index) => index * 3),
    );
  });

  it('refuses an upload without rows', async () => {
    await expect(upload([])).rejects.toThrow(EmptyReferenceError);
  });
});
