import type { ModelSpec } from '@tenantry/drift-core';
import { rfc3339DateTimeSchema } from '@tenantry/schemas';
import { z } from 'zod';
import { csvRows } from './csv-rows';
import { MalformedUploadError } from './malformed-upload.error';
import { ndjsonRows } from './ndjson-rows';
import { UnsupportedUploadTypeError } from './unsupported-upload-type.error';

/** What `POST /v1/models/{key}/references` asks for: uploaded rows, or the received samples of a time range. */
export type ReferenceRequest =
  | { kind: 'upload'; format: 'json' | 'ndjson' | 'csv'; rows: unknown[] }
  | { kind: 'samples'; from: Date; to: Date };

const instant = rfc3339DateTimeSchema;
const rowsBody = z.strictObject({ rows: z.array(z.unknown()) });
const rangeBody = z
  .strictObject({ from: instant, to: instant })
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), {
    path: ['to'],
    message: 'must be after from',
  });

/** What a JSON body may be: rows, `{ rows }`, or `{ from, to }` (for the API document; rows are checked against the model). */
export const referenceJsonBodySchema = z.union([z.array(z.unknown()), rowsBody, rangeBody]);

/**
 * Reads the request body by its media type: JSON (an array of rows, `{ rows }` or `{ from, to }`),
 * NDJSON (a row per line) or CSV (header row). Uploaded rows without a timestamp get `uploadTime`.
 */
export function readReferenceRequest(
  body: unknown,
  contentType: string | undefined,
  model: ModelSpec,
  uploadTime: Date,
): ReferenceRequest {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const upload = (format: 'json' | 'ndjson' | 'csv', rows: unknown[]): ReferenceRequest => ({
    kind: 'upload',
    format,
    rows: rows.map((row) => withTimestamp(row, uploadTime)),
  });
  switch (mediaType) {
    case 'application/json': {
      if (Array.isArray(body)) return upload('json', body);
      if (typeof body === 'object' && body !== null && 'rows' in body) {
        return upload('json', rowsBody.parse(body).rows);
      }
      const { from, to } = rangeBody.parse(body);
      return { kind: 'samples', from: new Date(from), to: new Date(to) };
    }
    case 'application/x-ndjson':
      return upload('ndjson', ndjsonRows(textOf(body)));
    case 'text/csv':
      return upload('csv', csvRows(textOf(body), model));
    default:
      throw new UnsupportedUploadTypeError();
  }
}

function textOf(body: unknown): string {
  if (typeof body === 'string') return body;
  // An empty body leaves nothing, or the body parser's empty default, behind.
  if (
    body === undefined ||
    (typeof body === 'object' && body !== null && Object.keys(body).length === 0)
  ) {
    return '';
  }
  throw new MalformedUploadError('the body is not text');
}

function withTimestamp(row: unknown, uploadTime: Date): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row) || 'timestamp' in row) {
    return row;
  }
  return { ...row, timestamp: uploadTime.toISOString() };
}
