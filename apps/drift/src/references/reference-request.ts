import type { IncomingMessage } from 'node:http';
import type { ModelSpec } from '@tenantry/drift-core';
import { rfc3339DateTimeSchema } from '@tenantry/schemas';
import { z } from 'zod';
import { csvRows } from './csv-rows';
import { ndjsonRows } from './ndjson-rows';
import { UnsupportedUploadTypeError } from './unsupported-upload-type.error';
import { uploadBytes } from './upload-bytes';

/**
 * What `POST /v1/models/{key}/references` asks for: uploaded rows (of an NDJSON or CSV body, read
 * as they arrive), or the received samples of a time range.
 */
export type ReferenceRequest =
  | {
      kind: 'upload';
      format: 'json' | 'ndjson' | 'csv';
      rows: Iterable<unknown> | AsyncIterable<unknown>;
    }
  | { kind: 'samples'; from: Date; to: Date };

/** A reference request as the handler receives it (see UploadBody). */
export interface ReferenceUploadBody {
  /** What the JSON body parser left: the value of a JSON body, nothing for another media type. */
  json: unknown;
  /** The request itself, whose NDJSON or CSV body is still unread. */
  stream: IncomingMessage;
  contentType: string | undefined;
}

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
 * Reads the request by its media type: JSON (an array of rows, `{ rows }` or `{ from, to }`),
 * NDJSON (a row per line) or CSV (header row), the last two streamed from the request and
 * refused past `maxBytes`.
 */
export function readReferenceRequest(
  { json, stream, contentType }: ReferenceUploadBody,
  model: ModelSpec,
  maxBytes: number,
): ReferenceRequest {
  switch (contentType?.split(';')[0]?.trim().toLowerCase()) {
    case 'application/json': {
      if (Array.isArray(json)) return { kind: 'upload', format: 'json', rows: json };
      if (typeof json === 'object' && json !== null && 'rows' in json) {
        return { kind: 'upload', format: 'json', rows: rowsBody.parse(json).rows };
      }
      const { from, to } = rangeBody.parse(json);
      return { kind: 'samples', from: new Date(from), to: new Date(to) };
    }
    case 'application/x-ndjson':
      return { kind: 'upload', format: 'ndjson', rows: ndjsonRows(uploadBytes(stream, maxBytes)) };
    case 'text/csv':
      return { kind: 'upload', format: 'csv', rows: csvRows(uploadBytes(stream, maxBytes), model) };
    default:
      throw new UnsupportedUploadTypeError();
  }
}
