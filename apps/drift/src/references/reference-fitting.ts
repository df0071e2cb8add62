import { fitReference, type ReferenceProfile } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import { receivedRows } from '../samples/sample-batch-store';
import { usableRows } from '../samples/usable-rows';
import { EmptyReferenceError } from './empty-reference.error';
import type { ReferenceRequest } from './reference-request';
import type { ReferenceSource } from './reference-source';

/** Fits the profile a request asks for: its uploaded rows, or the model's samples received in [from, to). */
export async function fitRequestedReference(
  manager: EntityManager,
  model: ModelRecord,
  request: ReferenceRequest,
): Promise<{ profile: ReferenceProfile; source: ReferenceSource }> {
  if (request.kind === 'upload') {
    if (request.rows.length === 0) throw new EmptyReferenceError('The upload holds no rows.');
    const profile = fitReference(usableRows(request.rows, model.spec), model.spec);
    return { profile, source: { kind: 'upload', format: request.format, rows: profile.rows } };
  }
  const { from, to } = request;
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
