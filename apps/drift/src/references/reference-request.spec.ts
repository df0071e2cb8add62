import { modelSpecSchema } from '@tenantry/drift-core';
import { DomainError } from '@tenantry/problem-details';
import { ZodError } from 'zod';
import { fixtureModel } from '../../test/drift-fixtures';
import { readReferenceRequest } from './reference-request';

const model = modelSpecSchema.parse(fixtureModel());
const uploadTime = new Date('2026-02-01T12:00:00Z');
const row = { features: { age: 1, income: 2, plan: 'pro' } };

describe('readReferenceRequest', () => {
  it('takes a JSON array or { rows } as uploaded rows, giving rows without a timestamp the upload time', () => {
    const stamped = { ...row, timestamp: '2026-01-01T00:00:00Z' };
    const expected = {
      kind: 'upload',
      format: 'json',
      rows: [{ ...row, timestamp: '2026-02-01T12:00:00.000Z' }, stamped],
    };
    expect(readReferenceRequest([row, stamped], 'application/json', model, uploadTime)).toEqual(
      expected,
    );
    expect(
      readReferenceRequest(
        { rows: [row, stamped] },
        'application/json; charset=utf-8',
        model,
        uploadTime,
      ),
    ).toEqual(expected);
  });

  it('takes { from, to } as a range of received samples and refuses an empty or reversed one', () => {
    expect(
      readReferenceRequest(
        { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00+01:00' },
        'application/json',
        model,
        uploadTime,
      ),
    ).toEqual({
      kind: 'samples',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-01T23:00:00Z'),
    });
    for (const body of [
      { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { from: '2026-01-01', to: '2026-01-02' },
      { rows: 'all' },
      'rows',
    ]) {
      expect(() => readReferenceRequest(body, 'application/json', model, uploadTime)).toThrow(
        ZodError,
      );
    }
  });

  it('reads NDJSON and CSV bodies, an empty body as no rows', () => {
    expect(
      readReferenceRequest(JSON.stringify(row), 'application/x-ndjson', model, uploadTime),
    ).toMatchObject({
      kind: 'upload',
      format: 'ndjson',
      rows: [{ ...row, timestamp: uploadTime.toISOString() }],
    });
    expect(readReferenceRequest('age,plan\n3,basic\n', 'text/csv', model, uploadTime)).toEqual({
      kind: 'upload',
      format: 'csv',
      rows: [{ features: { age: 3, plan: 'basic' }, timestamp: uploadTime.toISOString() }],
    });
    expect(readReferenceRequest({}, 'text/csv', model, uploadTime)).toMatchObject({ rows: [] });
    expect(
      readReferenceRequest(undefined, 'application/x-ndjson', model, uploadTime),
    ).toMatchObject({
      rows: [],
    });
  });

  it('answers 415 for any other media type', () => {
    for (const type of ['text/plain', undefined]) {
      let thrown: unknown;
      try {
        readReferenceRequest('x', type, model, uploadTime);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).status).toBe(415);
    }
  });
});
