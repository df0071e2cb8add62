import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import {
  fitReference,
  referenceFit,
  type ModelSpec,
  type ReferenceProfile,
  type SampleRow,
} from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import { InvalidSampleRowsError, type RowProblems } from '../samples/invalid-sample-rows.error';
import { receivedRows } from '../samples/sample-batch-store';
import { sampleRowProblems } from '../samples/usable-rows';
import { EmptyReferenceError } from './empty-reference.error';
import { UnreadableRow } from './ndjson-rows';
import type { ReferenceRequest } from './reference-request';
import type { ReferenceSource } from './reference-source';
import { UploadLimitExceededError } from './upload-limit-exceeded.error';

/** A fitted profile and where its rows came from, ready to store. */
export interface FittedReference {
  profile: ReferenceProfile;
  source: ReferenceSource;
}

// Rows checked and folded between two turns of the event loop: a few milliseconds of work, so
// that health checks and other tenants' requests are served while a large upload is fitted.
const rowsPerTurn = 1_000;

// Invalid rows kept for the answer (InvalidSampleRowsError lists 20); the rest are counted.
const keptInvalidRows = 20;

/**
 * Fits the profile of uploaded rows as they arrive, keeping only what the profile needs rather
 * than the rows. Rows without a timestamp get `uploadTime`. Refuses with 413 past `maxRows`,
 * with 422 when any row is unusable (listing the first, counting all) or there is none.
 */
export async function fitUploadedReference(
  request: Extract<ReferenceRequest, { kind: 'upload' }>,
  model: ModelSpec,
  maxRows: number,
  uploadTime: Date,
): Promise<FittedReference> {
  const fit = referenceFit(model);
  const invalid: RowProblems[] = [];
  let invalidRows = 0;
  let rows = 0;
  for await (const uploaded of request.rows) {
    if (rows === maxRows) throw new UploadLimitExceededError('rows', maxRows);
    const index = rows++;
    const row = withTimestamp(uploaded, uploadTime);
    const problems = row instanceof UnreadableRow ? [row.problem] : sampleRowProblems(row, model);
    if (problems.length > 0) {
      if (invalidRows++ < keptInvalidRows) invalid.push({ row: index, problems });
    } else if (invalidRows === 0) {
      fit.add(row as SampleRow);
    }
    if (rows % rowsPerTurn === 0) await nextTurnOfEventLoop();
  }
  if (invalidRows > 0) throw new InvalidSampleRowsError(invalid, rows, invalidRows);
  if (rows === 0) throw new EmptyReferenceError('The upload holds no rows.');
  const profile = fit.finish();
  return { profile, source: { kind: 'upload', format: request.format, rows: profile.rows } };
}

/** Fits the profile of the model's samples received in [from, to). */
export async function fitSampledReference(
  manager: EntityManager,
  model: ModelRecord,
  { from, to }: Extract<ReferenceRequest, { kind: 'samples' }>,
): Promise<FittedReference> {
  const rows = await receivedRows(manager, model.key, from, to);
  if (rows.length === 0) {
    throw new EmptyReferenceError(
      `No samples of model "${model.key}" have timestamps in [${from.toISOString()}, ${to.toISOString()}).`,
    );
  }
  const profile = fitReference(rows, model.spec);
  return {
    profile,
    source: { kind: 'samples', from: from.toISOString(), to: to.toISOString(), rows: profile.rows },
  };
}

function withTimestamp(row: unknown, uploadTime: Date): unknown {
  if (
    typeof row !== 'object' ||
    row === null ||
    Array.isArray(row) ||
    row instanceof UnreadableRow ||
    'timestamp' in row
  ) {
    return row;
  }
  return { ...row, timestamp: uploadTime.toISOString() };
}
