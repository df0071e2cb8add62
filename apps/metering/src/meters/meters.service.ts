import { Injectable } from '@nestjs/common';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import type { MeterDefinition } from '@tenantry/metering-core';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { MeterBackfill } from './meter-backfill';
import { MeterRegistry, type MeterChange } from './meter-registry';
import { loadMeter, meterPage } from './meter-versions';
import { meterView, type MeterView } from './meter-view';

/** The meters of the request's tenant, each use case in one tenant transaction. */
@Injectable()
export class MetersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: MeterRegistry,
  ) {}

  define(
    definition: MeterDefinition,
    actor: string,
  ): Promise<MeterView & { backfill: MeterBackfill }> {
    return this.inRetriedTransaction((manager, tenantId) =>
      this.registry.define(manager, tenantId, definition, actor),
    );
  }

  change(key: string, change: MeterChange, actor: string): Promise<MeterView> {
    return this.inRetriedTransaction((manager, tenantId) =>
      this.registry.change(manager, tenantId, key, change, actor),
    );
  }

  archive(key: string, actor: string): Promise<MeterView> {
    return this.inRetriedTransaction((manager, tenantId) =>
      this.registry.archive(manager, tenantId, key, actor),
    );
  }

  /** A page of the meters in key order (code points). */
  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<MeterView>> {
    const afterKey = cursor === undefined ? undefined : decodePageCursor(z.string(), cursor);
    const now = new Date();
    const meters = await inTenantTransaction(this.dataSource, (manager) =>
      meterPage(manager, afterKey, limit + 1),
    );
    return pageOf(
      meters,
      limit,
      (versions) => meterView(versions, now),
      (versions) => versions[0]!.key,
    );
  }

  async get(key: string): Promise<MeterView> {
    const now = new Date();
    const versions = await inTenantTransaction(this.dataSource, (manager) =>
      loadMeter(manager, key),
    );
    return meterView(versions, now);
  }

  // A change runs the usage observers, which lock rows ingestion locks too: a deadlock is retried.
  private inRetriedTransaction<T>(
    work: (manager: EntityManager, tenantId: string) => Promise<T>,
  ): Promise<T> {
    return retryWithBackoff(
      () => inTenantTransaction(this.dataSource, work),
      defaultRetryPolicy,
      isTransientError,
    );
  }
}
