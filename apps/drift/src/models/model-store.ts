import { Injectable } from '@nestjs/common';
import { modelSpecSchema, type ModelSpec, type StoredSegmentAdmission } from '@tenantry/drift-core';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, instantSchema } from '../row-columns';
import { ModelExistsError } from './model-exists.error';
import { ModelNotFoundError } from './model-not-found.error';
import { segmentValuesSchema, type ModelRecord } from './model-record';

const modelRow = z
  .object({
    model_key: z.string(),
    spec: modelSpecSchema,
    active_reference: z.int().nullable(),
    next_sequence: bigintColumn,
    segment_values: segmentValuesSchema,
    created_at: instantSchema,
    created_by: z.string(),
    updated_at: instantSchema,
    updated_by: z.string(),
  })
  .transform((row): ModelRecord => ({
    key: row.model_key,
    spec: row.spec,
    activeReference: row.active_reference,
    nextSequence: row.next_sequence,
    segmentValues: row.segment_values,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }));

const columns = `model_key, spec, active_reference, next_sequence, segment_values, created_at, created_by, updated_at, updated_by`;

/**
 * The models of the transaction's tenant (row-level security scopes every query). Each method
 * runs inside the caller's tenant transaction.
 */
@Injectable()
export class ModelStore {
  /** The model, or ModelNotFoundError (404). */
  async get(manager: EntityManager, key: string): Promise<ModelRecord> {
    const model = await this.find(manager, key);
    if (!model) throw new ModelNotFoundError(key);
    return model;
  }

  /** The model or null; `forUpdate` locks its row until the transaction ends (ingestion and rebuilds of one model take turns on it). */
  async find(
    manager: EntityManager,
    key: string,
    { forUpdate = false }: { forUpdate?: boolean } = {},
  ): Promise<ModelRecord | null> {
    const model = await queryRow(
      manager,
      modelRow,
      `SELECT ${columns} FROM drift.models WHERE model_key = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [key],
    );
    return model ?? null;
  }

  /** Up to `count` models by key (code points), those after `afterKey` when given. */
  list(
    manager: EntityManager,
    afterKey: string | undefined,
    count: number,
  ): Promise<ModelRecord[]> {
    return queryRows(
      manager,
      modelRow,
      `SELECT ${columns} FROM drift.models
        WHERE $1::text IS NULL OR model_key COLLATE "C" > $1
        ORDER BY model_key COLLATE "C"
        LIMIT $2`,
      [afterKey ?? null, count],
    );
  }

  /** Registers a model; ModelExistsError (409) when the key is taken. */
  async create(
    manager: EntityManager,
    tenantId: string,
    spec: ModelSpec,
    actor: string,
  ): Promise<ModelRecord> {
    const model = await queryRow(
      manager,
      modelRow,
      `INSERT INTO drift.models (tenant_id, model_key, spec, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT DO NOTHING
       RETURNING ${columns}`,
      [tenantId, spec.key, JSON.stringify(spec), actor],
    );
    if (!model) throw new ModelExistsError(spec.key);
    return model;
  }

  /** Stores a changed spec of a model; ModelNotFoundError (404) when there is none. */
  async saveSpec(
    manager: EntityManager,
    key: string,
    spec: ModelSpec,
    actor: string,
  ): Promise<ModelRecord> {
    const model = await queryRow(
      manager,
      modelRow,
      // A bare UPDATE answers [rows, count] through TypeORM; the CTE makes it a SELECT.
      `WITH changed AS (
         UPDATE drift.models SET spec = $2, updated_at = now(), updated_by = $3
          WHERE model_key = $1
          RETURNING ${columns})
       SELECT * FROM changed`,
      [key, JSON.stringify(spec), actor],
    );
    if (!model) throw new ModelNotFoundError(key);
    return model;
  }

  /** Counts accepted rows into the model's sequence and stores its segment admission after them. */
  async recordAcceptedRows(
    manager: EntityManager,
    key: string,
    rowCount: number,
    segmentValues: StoredSegmentAdmission,
  ): Promise<void> {
    await manager.query(
      `UPDATE drift.models SET next_sequence = next_sequence + $2, segment_values = $3
        WHERE model_key = $1`,
      [key, rowCount, JSON.stringify(segmentValues)],
    );
  }

  /** Deletes the model with its references, samples, windows, statuses and history. */
  async delete(manager: EntityManager, key: string): Promise<void> {
    const [, deleted] = (await manager.query(`DELETE FROM drift.models WHERE model_key = $1`, [
      key,
    ])) as [unknown, number];
    if (deleted === 0) throw new ModelNotFoundError(key);
    // History has no foreign key (events outlive windows); a model registered again under this key starts afresh.
    await manager.query(`DELETE FROM drift.transitions WHERE model_key = $1`, [key]);
  }
}
