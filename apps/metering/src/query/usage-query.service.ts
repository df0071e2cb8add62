import { Injectable } from '@nestjs/common';
import { queryWindows } from '@tenantry/metering-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { loadMeter } from '../meters/meter-versions';
import { versionInEffect } from '../meters/meter-view';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { UnknownGroupError } from './unknown-group.error';
import type { UsageQueryAnswer } from './usage-query-answer';
import type { UsageQueryRequest } from './usage-query-request';
import { rollUpUsage } from './usage-rows';

/** Usage queries over the request tenant's minute buckets. */
@Injectable()
export class UsageQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Rows per window (and subject and group values when grouped by them) with usage in
   * [from, to), with the meter's aggregation.
   */
  query(key: string, request: UsageQueryRequest): Promise<UsageQueryAnswer> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const versions = await loadMeter(manager, key);
      const timeZone = request.windowTimeZone ?? (await loadTenantSettings(manager)).timeZone;
      const windows = queryWindows(request.from, request.to, request.windowSize, timeZone);
      const groupNames = new Set([
        'subject',
        ...versions.flatMap((v) => Object.keys(v.definition.groupBy)),
      ]);
      const unknown = request.groupBy.filter((name) => !groupNames.has(name));
      if (unknown.length > 0) throw new UnknownGroupError(key, unknown, [...groupNames]);
      const data = await rollUpUsage(manager, {
        meterKey: key,
        aggregation: versionInEffect(versions, new Date()).definition.aggregation,
        windows,
        from: request.from,
        to: request.to,
        ...(request.subjects === undefined ? {} : { subjects: request.subjects }),
        groupBy: request.groupBy,
      });
      return {
        meter: key,
        from: request.from.toISOString(),
        to: request.to.toISOString(),
        windowSize: request.windowSize ?? null,
        windowTimeZone: timeZone,
        data,
      };
    });
  }
}
