import { Injectable } from '@nestjs/common';
import type { ReferenceProfile } from '@tenantry/drift-core';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ModelNotFoundError } from '../models/model-not-found.error';
import { ModelStore } from '../models/model-store';
import { instantSchema, storedJson } from '../row-columns';
import { ReferenceNotFoundError } from './reference-not-found.error';
import { referenceSourceSchema, type ReferenceSource } from './reference-source';
import type { ReferenceSummary } from './reference-summary';

const summaryRow = z
  .object({
    version: z.int(),
    row_count: z.int(),
    source: referenceSourceSchema,
    active: z.boolean(),
    created_at: instantSchema,
    created_by: z.string(),
  })
  .transform((row): ReferenceSummary => ({
    version: row.version,
    rows: row.row_count,
    source: row.source,
    active: row.active,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }));

const summaries = `SELECT r.version, r.row_count, r.source, r.created_at, r.created_by,
         r.version IS NOT DISTINCT FROM m.active_reference AS active
    FROM drift.model_references r JOIN drift.models m USING (tenant_id, model_key)`;

// created_at as PostgreSQL prints it: a model registered again under its key counts versions anew.
const identityRow = z.object({ tenant_id: z.string(), created: z.string() });
const profileRow = z.object({ profile: storedJson<ReferenceProfile>() });
const versionRow = z.object({ version: z.int() });

/** Profiles kept in memory; each can hold up to referenceSampleLimit values per numeric column. */
const cachedProfiles = 32;

/**
 * The fitted references of the transaction tenant's models. Profiles never change once stored,
 * so `get` keeps the most recently used in memory, keyed by tenant, model, version and creation
 * time (a model deleted and registered again counts its versions from 1 anew).
 */
@Injectable()
export class ReferenceStore {
  private readonly profiles = new Map<string, ReferenceProfile>();

  constructor(private readonly models: ModelStore) {}

  /** The profile of one version; ReferenceNotFoundError (404) when the model has none such. */
  async get(manager: EntityManager, key: string, version: number): Promise<ReferenceProfile> {
    const stored = await queryRow(
      manager,
      identityRow,
      `SELECT tenant_id, created_at::text AS created FROM drift.model_references
        WHERE model_key = $1 AND version = $2`,
      [key, version],
    );
    if (!stored) throw new ReferenceNotFoundError(key, version);
    const cacheKey = JSON.stringify([stored.tenant_id, key, version, stored.created]);
    let profile = this.profiles.get(cacheKey);
    if (profile) {
      this.profiles.delete(cacheKey);
    } else {
      const row = await queryRow(
        manager,
        profileRow,
        `SELECT profile FROM drift.model_references WHERE model_key = $1 AND version = $2`,
        [key, version],
      );
      profile = row!.profile;
    }
    this.profiles.set(cacheKey, profile);
    if (this.profiles.size > cachedProfiles) {
      this.profiles.delete(this.profiles.keys().next().value!);
    }
    return profile;
  }

  /** The profiles of several versions, by version. */
  async getAll(
    manager: EntityManager,
    key: string,
    versions: Iterable<number>,
  ): Promise<Map<number, ReferenceProfile>> {
    const profiles = new Map<number, ReferenceProfile>();
    for (const version of new Set(versions)) {
      profiles.set(version, await this.get(manager, key, version));
    }
    return profiles;
  }

  /** Up to `count` versions of a model, oldest first, those after `afterVersion` when given. */
  list(
    manager: EntityManager,
    key: string,
    afterVersion: number | undefined,
    count: number,
  ): Promise<ReferenceSummary[]> {
    return queryRows(
      manager,
      summaryRow,
      `${summaries}
        WHERE r.model_key = $1 AND ($2::int IS NULL OR r.version > $2)
        ORDER BY r.version
        LIMIT $3`,
      [key, afterVersion ?? null, count],
    );
  }

  /** The summary of one version; ReferenceNotFoundError (404) when there is none. */
  async summary(manager: EntityManager, key: string, version: number): Promise<ReferenceSummary> {
    const summary = await queryRow(
      manager,
      summaryRow,
      `${summaries} WHERE r.model_key = $1 AND r.version = $2`,
      [key, version],
    );
    if (!summary) throw new ReferenceNotFoundError(key, version);
    return summary;
  }

  /**
   * Stores a fitted profile as the model's next version (activated unless `activate` is false).
   * Takes the model's row lock, which ingestion takes too: a version switch falls between batches.
   */
  async create(
    manager: EntityManager,
    tenantId: string,
    key: string,
    reference: { profile: ReferenceProfile; source: ReferenceSource },
    { actor, activate }: { actor: string; activate: boolean },
  ): Promise<ReferenceSummary> {
    if (!(await this.models.find(manager, key, { forUpdate: true }))) {
      throw new ModelNotFoundError(key);
    }
    const { version } = (await queryRow(
      manager,
      versionRow,
      `INSERT INTO drift.model_references (tenant_id, model_key, version, profile, source, row_count, created_by)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6
         FROM drift.model_references WHERE model_key = $2
       RETURNING version`,
      [
        tenantId,
        key,
        JSON.stringify(reference.profile),
        JSON.stringify(reference.source),
        reference.profile.rows,
        actor,
      ],
    ))!;
    if (activate) await this.activate(manager, key, version, actor);
    return this.summary(manager, key, version);
  }

  /** Makes a version the one new windows are compared with; windows already open keep theirs. */
  async activate(
    manager: EntityManager,
    key: string,
    version: number,
    actor: string,
  ): Promise<ReferenceSummary> {
    if (!(await this.models.find(manager, key, { forUpdate: true }))) {
      throw new ModelNotFoundError(key);
    }
    const [, updated] = (await manager.query(
      `UPDATE drift.models
          SET active_reference = $2, updated_at = now(), updated_by = $3,
              tracked_from_sequence = coalesce(tracked_from_sequence, next_sequence)
        WHERE model_key = $1
          AND EXISTS (SELECT 1 FROM drift.model_references WHERE model_key = $1 AND version = $2)`,
      [key, version, actor],
    )) as [unknown, number];
    if (updated === 0) throw new ReferenceNotFoundError(key, version);
    return this.summary(manager, key, version);
  }
}
