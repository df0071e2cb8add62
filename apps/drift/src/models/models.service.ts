import { Injectable } from '@nestjs/common';
import type { ModelSpec } from '@tenantry/drift-core';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { changedSpec, type ModelChange } from './model-change';
import { ModelNotFoundError } from './model-not-found.error';
import type { ModelRecord } from './model-record';
import { ModelStore } from './model-store';

/** The models of the request's tenant, each use case in one tenant transaction. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  register(spec: ModelSpec, actor: string): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      this.models.create(manager, tenantId, spec, actor),
    );
  }

  /** A page of the models in key order (code points). */
  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<ModelRecord>> {
    const afterKey = cursor === undefined ? undefined : decodePageCursor(z.string(), cursor);
    const models = await inTenantTransaction(this.dataSource, (manager) =>
      this.models.list(manager, afterKey, limit + 1),
    );
    return pageOf(
      models,
      limit,
      (model) => model,
      (model) => model.key,
    );
  }

  get(key: string): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, (manager) => this.models.get(manager, key));
  }

  /** Applies a change of description and policy to the locked model (see changedSpec). */
  change(key: string, change: ModelChange, actor: string): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const model = await this.models.find(manager, key, { forUpdate: true });
      if (!model) throw new ModelNotFoundError(key);
      return this.models.saveSpec(manager, key, changedSpec(model.spec, change), actor);
    });
  }

  delete(key: string): Promise<void> {
    return inTenantTransaction(this.dataSource, (manager) => this.models.delete(manager, key));
  }
}
