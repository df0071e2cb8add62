import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelNotFoundError } from '../models/model-not-found.error';
import { ModelStore } from '../models/model-store';
import { ModelChangedDuringUploadError } from './model-changed-during-upload.error';
import { fitSampledReference, fitUploadedReference } from './reference-fitting';
import { referenceProfileView } from './reference-profile-view';
import { readReferenceRequest, type ReferenceUploadBody } from './reference-request';
import { ReferenceStore } from './reference-store';
import type { ReferenceDetail, ReferenceSummary } from './reference-summary';
import { referenceUploadLimits, type ReferenceUploadLimits } from './reference-upload-limits';

/** The upload options of a reference request. */
export interface ReferenceUpload extends ReferenceUploadBody {
  activate: boolean;
}

/** The references of the request tenant's models, each use case in one tenant transaction. */
@Injectable()
export class ReferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
    @Inject(referenceUploadLimits) private readonly limits: ReferenceUploadLimits,
  ) {}

  /**
   * Fits and stores the next version from the upload (see readReferenceRequest). Uploaded rows are
   * read and fitted outside any transaction, since a client sends them at its own pace; the
   * version is stored only if the model's spec is still the one they were fitted with.
   */
  async create(key: string, upload: ReferenceUpload, actor: string): Promise<ReferenceSummary> {
    const uploadTime = new Date();
    const model = await inTenantTransaction(this.dataSource, (manager) =>
      this.models.get(manager, key),
    );
    const request = readReferenceRequest(upload, model.spec, this.limits.maxBytes);
    const options = { actor, activate: upload.activate };
    if (request.kind === 'samples') {
      return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
        const reference = await fitSampledReference(
          manager,
          await this.models.get(manager, key),
          request,
        );
        return this.references.create(manager, tenantId, key, reference, options);
      });
    }
    const reference = await fitUploadedReference(
      request,
      model.spec,
      this.limits.maxRows,
      uploadTime,
    );
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const current = await this.models.find(manager, key, { forUpdate: true });
      if (!current) throw new ModelNotFoundError(key);
      if (!isDeepStrictEqual(current.spec, model.spec)) {
        throw new ModelChangedDuringUploadError(key);
      }
      return this.references.create(manager, tenantId, key, reference, options);
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
