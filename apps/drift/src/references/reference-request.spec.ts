import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { modelSpecSchema } from '@tenantry/drift-core';
import { DomainError } from '@tenantry/problem-details';
import { ZodError } from 'zod';
import { allOf } from '../../test/all-of';
import { fixtureModel } from '../../test/drift-fixtures';
import { readReferenceRequest, type ReferenceRequest } from './reference-request';
import { UploadLimitExceededError } from './upload-limit-exceeded.error';

const model = modelSpecSchema.parse(fixtureModel());
const row = { features: { age: 1, income: 2, plan: 'pro' } };
const noStream = Readable.from([]) as unknown as IncomingMessage;

/** A request whose body is still unread, sent in the given chunks. */
function streamOf(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), {
    headers,
  }) as unknown as IncomingMessage;
}

const json = (value: unknown) =>
  readReferenceRequest(
    { json: value, stream: noStream, contentType: 'application/json' },
    model,
    100,
  );

async function uploadedRows(request: ReferenceRequest): Promise<unknown[]> {
  if (request.kind !== 'upload') throw new Error(`not an upload: ${request.kind}`);
  return allOf(request.rows);
}

describe('readReferenceRequest', () => {
  it('takes a JSON array or { rows } as uploaded rows', async () => {
    const stamped = { ...row, timestamp: '2026-01-01T00:00:00Z' };
    for (const body of [[row, stamped], { rows: [row, stamped] }]) {
      const request = json(body);
      expect(request).toMatchObject({ kind: 'upload', format: 'json' });
      expect(await uploadedRows(request)).toEqual([row, stamped]);
    }
  });

  it('takes { from, to } as a range of received samples and refuses an empty or reversed one', () => {
    expect(json({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00+01:00' })).toEqual({
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
      expect(() => json(body)).toThrow(ZodError);
    }
  });

  it('streams NDJSON and CSV bodies, an empty body as no rows', async () => {
    const ndjson = readReferenceRequest(
      {
        json: undefined,
        stream: streamOf([JSON.stringify(row)]),
        contentType: 'application/x-ndjson',
      },
      model,
      100,
    );
    expect(ndjson).toMatchObject({ kind: 'upload', format: 'ndjson' });
    expect(await uploadedRows(ndjson)).toEqual([row]);
    const csv = readReferenceRequest(
      {
        json: undefined,
        stream: streamOf(['age,plan\n', '3,basic\n']),
        contentType: 'text/csv; charset=utf-8',
      },
      model,
      100,
    );
    expect(await uploadedRows(csv)).toEqual([{ features: { age: 3, plan: 'basic' } }]);
    const empty = readReferenceRequest(
      { json: undefined, stream: streamOf([]), contentType: 'text/csv' },
      model,
      100,
    );
    expect(await uploadedRows(empty)).toEqual([]);
  });

  it('refuses an NDJSON or CSV body over the byte limit, declared or received, with 413 naming it', async () => {
    const over = [
      streamOf(['age\n1\n'], { 'content-length': '101' }),
      streamOf(['age\n', '1\n'.repeat(60)]),
    ];
    for (const stream of over) {
      const request = readReferenceRequest(
        { json: undefined, stream, contentType: 'text/csv' },
        model,
        100,
      );
      const refusal = await uploadedRows(request).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(UploadLimitExceededError);
      expect(refusal).toMatchObject({ status: 413, members: { limit: 'bytes', maximum: 100 } });
    }
    const atTheLimit = streamOf(['age\n', '1\n'.repeat(48)]);
    const accepted = readReferenceRequest(
      { json: undefined, stream: atTheLimit, contentType: 'text/csv' },
      model,
      100,
    );
    expect(await uploadedRows(accepted)).toHaveLength(48);
  });

  it('answers 415 for any other media type', () => {
    for (const contentType of ['text/plain', undefined]) {
      let thrown: unknown;
      try {
        readReferenceRequest({ json: undefined, stream: noStream, contentType }, model, 100);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).status).toBe(415);
    }
  });
});
