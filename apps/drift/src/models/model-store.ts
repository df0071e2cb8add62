import { Injectable } from '@nestjs/common';
import { modelSpecSchema, type ModelSpec, type StoredSegmentAdmission } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { ModelChange } from './model-change';
import { ModelExistsError } from './model-exists.error';
import { ModelNotFoundError } from './model-not-found.error';

/** A registered model as stored. */
export interface ModelRecord {
  key: string;
  spec: ModelSpec;
  /** Version of the reference new windows are compared with; null until one is activated. */
  activeReference: number | null;
  /** Rows received so far: the sequence number of the next row (count windows cut by it). */
  nextSequence: number;
  /** Per segment field, the values that have windows of their own, in order of admission (admitSegmentValues). */
  segmentValues: StoredSegmentAdmission;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

interface ModelRow {
  model_key: string;
  spec: ModelSpec;
  active_reference: number | null;
  next_sequence: string;
  segment_values: StoredSegmentAdmission;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

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
    const rows = (await manager.query(
      `SELECT ${columns} FROM drift.models WHERE model_key = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [key],
    )) as ModelRow[];
    return rows[0] ? recordOf(rows[0]) : null;
  }

  /** Every model of the tenant, by key. */
  async list(manager: EntityManager): Promise<ModelRecord[]> {
    const rows = (await manager.query(
      `SELECT ${columns} FROM drift.models ORDER BY model_key COLLATE "C"`,
    )) as ModelRow[];
    return rows.map(recordOf);
  }

  /** Registers a model; ModelExistsError (409) when the key is taken. */
  async create(
    manager: EntityManager,
    tenantId: string,
    spec: ModelSpec,
    actor: string,
  ): Promise<ModelRecord> {
    const rows = (await manager.query(
      `INSERT INTO drift.models (tenant_id, model_key, spec, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT DO NOTHING
       RETURNING ${columns}`,
      [tenantId, spec.key, JSON.stringify(spec), actor],
    )) as ModelRow[];
    if (!rows[0]) throw new ModelExistsError(spec.key);
    return recordOf(rows[0]);
  }

  /** Changes the description and policy; the merged spec is checked like a new one (422 with paths). */
  async update(
    manager: EntityManager,
    key: string,
    change: ModelChange,
    actor: string,
  ): Promise<ModelRecord> {
    const model = await this.find(manager, key, { forUpdate: true });
    if (!model) throw new ModelNotFoundError(key);
    const { description: _, ...unchanged } = model.spec;
    const description =
      change.description === undefined ? model.spec.description : change.description;
    const spec = modelSpecSchema.parse({
      ...unchanged,
      ...(description === null || description === undefined ? {} : { description }),
      policy: { ...model.spec.policy, ...change.policy },
    });
    const rows = (await manager.query(
      `UPDATE drift.models SET spec = $2, updated_at = now(), updated_by = $3
        WHERE model_key = $1
        RETURNING ${columns}`,
      [key, JSON.stringify(spec), actor],
    )) as [ModelRow[], number];
    return recordOf(rows[0][0]!);
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

function recordOf(row: ModelRow): ModelRecord {
  return {
    key: row.model_key,
    spec: row.spec,
    activeReference: row.active_reference,
    nextSequence: Number(row.next_sequence),
    segmentValues: row.segment_values,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
