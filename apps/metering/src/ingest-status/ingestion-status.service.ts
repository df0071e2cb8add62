import { Injectable } from '@nestjs/common';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  eventConflictPage,
  loadIngestionStatus,
  type EventConflict,
  type IngestionStatus,
} from './ingestion-status';

/** How the request tenant's events fared. */
@Injectable()
export class IngestionStatusService {
  constructor(private readonly dataSource: DataSource) {}

  status(): Promise<IngestionStatus> {
    return inTenantTransaction(this.dataSource, (manager) => loadIngestionStatus(manager));
  }

  /** A page of the audited conflicts, newest first. */
  async conflicts({
    limit,
    cursor,
  }: {
    limit: number;
    cursor?: string;
  }): Promise<Page<EventConflict>> {
    const beforeId =
      cursor === undefined ? undefined : decodePageCursor(z.number().int().positive(), cursor);
    const conflicts = await inTenantTransaction(this.dataSource, (manager) =>
      eventConflictPage(manager, beforeId, limit + 1),
    );
    return pageOf(
      conflicts,
      limit,
      (conflict) => conflict,
      (conflict) => conflict.id,
    );
  }
}
