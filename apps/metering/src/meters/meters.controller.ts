import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import { meterDefinitionSchema, type MeterDefinition } from '@tenantry/metering-core';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import { currentTenantContext, inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { meterChangeRequestSchema, type MeterChangeRequest } from './meter-change-request';
import { MeterRegistry } from './meter-registry';
import { loadMeter, loadMeterVersions, meterView, type MeterView } from './meter-versions';

const meterDefinitionBody = openApiSchema(meterDefinitionSchema);
const meterChangeBody: SchemaObject = {
  ...meterDefinitionBody,
  required: meterDefinitionBody.required?.filter((name) => name !== 'key'),
  properties: {
    ...meterDefinitionBody.properties,
    effectiveFrom: {
      type: 'string',
      format: 'date-time',
      description:
        'A whole minute, no earlier than the first whole minute after now + 5 minutes (the default) ' +
        'nor before the latest version.',
    },
  },
};

/** `/v1/meters`: a tenant's meters, versioned; `metering:admin` changes them, `metering:read` reads them. */
@ApiTags('meters')
@ApiBearerAuth()
@Controller('v1/meters')
export class MetersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: MeterRegistry,
  ) {}

  /** 201 with version 1 and what the backfill of stored events found; 409 when the key exists. */
  @Post()
  @HttpCode(201)
  @Roles('metering:admin')
  @ApiBody({ schema: meterDefinitionBody })
  define(@ValidatedBody(meterDefinitionSchema) definition: MeterDefinition) {
    return this.inTransaction((manager, tenantId) =>
      this.registry.define(manager, tenantId, definition, actor()),
    );
  }

  @Get()
  @Roles('metering:read')
  async list(): Promise<{ meters: MeterView[] }> {
    const now = new Date();
    const meters = await inTenantTransaction(this.dataSource, (manager) =>
      loadMeterVersions(manager),
    );
    return { meters: [...meters.values()].map((versions) => meterView(versions, now)) };
  }

  @Get(':key')
  @Roles('metering:read')
  async get(@Param('key') key: string): Promise<MeterView> {
    const now = new Date();
    const versions = await inTenantTransaction(this.dataSource, (manager) =>
      loadMeter(manager, key),
    );
    return meterView(versions, now);
  }

  /** A new version from `effectiveFrom`; 404 unknown key, 422 invalid definition or time. */
  @Put(':key')
  @Roles('metering:admin')
  @ApiBody({ schema: meterChangeBody })
  change(
    @Param('key') key: string,
    @ValidatedBody(meterChangeRequestSchema) { effectiveFrom, ...definition }: MeterChangeRequest,
  ): Promise<MeterView> {
    return this.inTransaction((manager, tenantId) =>
      this.registry.change(
        manager,
        tenantId,
        key,
        {
          definition,
          ...(effectiveFrom === undefined ? {} : { effectiveFrom: new Date(effectiveFrom) }),
        },
        actor(),
      ),
    );
  }

  /** Archives the meter from the earliest allowed time on; its usage so far stays queryable. */
  @Delete(':key')
  @Roles('metering:admin')
  archive(@Param('key') key: string): Promise<MeterView> {
    return this.inTransaction((manager, tenantId) =>
      this.registry.archive(manager, tenantId, key, actor()),
    );
  }

  // A change runs the usage observers, which lock rows ingestion locks too: a deadlock is retried.
  private inTransaction<T>(
    work: (manager: EntityManager, tenantId: string) => Promise<T>,
  ): Promise<T> {
    return retryWithBackoff(
      () => inTenantTransaction(this.dataSource, work),
      defaultRetryPolicy,
      isTransientError,
    );
  }
}

function actor(): string {
  // The auth guard binds the caller before any handler runs.
  return currentTenantContext()?.actor ?? 'unknown';
}
