import { Injectable } from '@nestjs/common';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { correctionTrailPage, usageEventExists, type CorrectionRecord } from './correction-trail';
import { UsageEventNotFoundError } from './usage-event-not-found.error';

/** The audit trail of the request tenant's usage events. */
@Injectable()
export class CorrectionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the corrections of the events with `eventId` (of `source`, when given), oldest first. */
  async trail(
    eventId: string,
    source: string | undefined,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<Page<CorrectionRecord>> {
    const afterId =
      cursor === undefined ? undefined : decodePageCursor(z.string().regex(/^\d{1,18}$/), cursor);
    const records = await inTenantTransaction(this.dataSource, async (manager) => {
      if (!(await usageEventExists(manager, eventId, source))) {
        throw new UsageEventNotFoundError(eventId, source);
      }
      return correctionTrailPage(manager, eventId, source, afterId, limit + 1);
    });
    return pageOf(
      records,
      limit,
      (record) => record,
      (record) => record.id,
    );
  }
}
