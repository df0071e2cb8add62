import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { windowSizeSchema, type UsageRow, type WindowSize } from '@tenantry/metering-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { loadMeter, versionInEffect } from '../meters/meter-versions';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { queryWindows } from './query-windows';
import { UnknownGroupError } from './unknown-group.error';
import { readUsageQueryRequest } from './usage-query-request';
import { rollUpUsage } from './usage-rows';

/** The answer of a usage query. */
export interface UsageQueryAnswer {
  meter: string;
  from: string;
  to: string;
  /** null: one window for the whole range. */
  windowSize: WindowSize | null;
  windowTimeZone: string;
  data: UsageRow[];
}

/** `GET /v1/meters/{key}/query`: a meter's usage rolled up into windows of the local calendar. */
@ApiTags('meters')
@ApiBearerAuth()
@Controller('v1/meters/:key/query')
export class UsageQueryController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Rows per window (and subject and group values when grouped by them) with usage in
   * [from, to); 404 for an unknown meter, 400 for a bad range, time zone, size or group.
   */
  @Get()
  @Roles('metering:read')
  @ApiQuery({ name: 'from', required: true, description: 'ISO 8601, a whole minute, inclusive' })
  @ApiQuery({ name: 'to', required: true, description: 'ISO 8601, a whole minute, exclusive' })
  @ApiQuery({
    name: 'windowSize',
    required: false,
    enum: windowSizeSchema.options,
    description: 'Without it: one row per subject/group for the whole range',
  })
  @ApiQuery({
    name: 'windowTimeZone',
    required: false,
    description: "IANA time zone of the windows; default the tenant's",
  })
  @ApiQuery({ name: 'subject', required: false, isArray: true, type: String })
  @ApiQuery({
    name: 'groupBy',
    required: false,
    isArray: true,
    type: String,
    description: "'subject' or a group name of the meter",
  })
  async query(@Param('key') key: string, @Query() parameters: unknown): Promise<UsageQueryAnswer> {
    const request = readUsageQueryRequest(parameters);
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
