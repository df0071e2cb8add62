import { Injectable } from '@nestjs/common';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelStore } from '../models/model-store';
import { fitRequestedReference } from './reference-fitting';
import { referenceProfileView } from './reference-profile-view';
import { readReferenceRequest } from './reference-request';
import { ReferenceStore } from './reference-store';
import type { ReferenceDetail, ReferenceSummary } from './reference-summary';

/** An upload or a time range of received samples to fit the next reference version from. */
export interface ReferenceUpload {
  body: unknown;
  contentType: string | undefined;
  activate: boolean;
}

/** The references of the request tenant's models, each use case in one tenant transaction. */
@Injectable()
export class ReferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
  ) {}

  /** Fits and stores the next version from the upload (see readReferenceRequest). */
  create(key: string, upload: ReferenceUpload, actor: string): Promise<ReferenceSummary> {
    const uploadTime = new Date();
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const model = await this.models.get(manager, key);
      const request = readReferenceRequest(upload.body, upload.contentType, model.spec, uploadTime);
      const reference = await fitRequestedReference(manager, model, request);
      return this.references.create(manager, tenantId, key, reference, {
        actor,
        activate: upload.activate,
      });
    });
  }

  /** A page of the model's versions, oldest first. */
  async list(
    key: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<Page<ReferenceSummary>> {
    const afterVersion = cursor === undefined ? undefined : decodePageCursor(z.int32(), cursor);
    const summaries = await inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return this.references.list(manager, key, afterVersion, limit + 1);
    });
    return pageOf(
      summaries,
      limit,
      (summary) => summary,
      (summary) => summary.version,
    );
  }

  get(key: string, version: number): Promise<ReferenceDetail> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return {
        ...(await this.references.summary(manager, key, version)),
        profile: referenceProfileView(await this.references.get(manager, key, version)),
      };
    });
  }

  activate(key: string, version: number, actor: string): Promise<ReferenceSummary> {
    return inTenantTransaction(this.dataSource, (manager) =>
      this.references.activate(manager, key, version, actor),
    );
  }
}
