import { Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { meterDefinitionSchema, type MeterDefinition } from '@tenantry/metering-core';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  ValidatedBody,
  type Page,
} from '@tenantry/problem-details';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { meterChangeRequestSchema, type MeterChangeRequest } from './meter-change-request';
import { definedMeterSchema, meterViewSchema, type MeterView } from './meter-view';
import { MetersService } from './meters.service';

const meterListQuerySchema = pageQuerySchema();

/** `/v1/meters`: a tenant's meters, versioned; `metering:admin` changes them, `metering:read` reads them. */
@ApiTags('meters')
@ApiBearerAuth()
@Controller('v1/meters')
export class MetersController {
  constructor(private readonly meters: MetersService) {}

  @Post()
  @ExpensiveOperation()
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Define a meter',
    description:
      "Version 1, counting from the epoch: the tenant's stored events of its type are measured into " +
      'its buckets in the same transaction (`backfill` tells what was found).',
    body: meterDefinitionSchema,
    answer: { status: 201, schema: definedMeterSchema, description: 'The meter and its backfill' },
    problems: { 409: '`meter-exists`: the key is taken (archived meters keep their key)' },
  })
  define(
    @ValidatedBody(meterDefinitionSchema) definition: MeterDefinition,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.meters.define(definition, principal.actor);
  }

  @Get()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'List the meters',
    description: 'In key order; each with the version in effect now and every version.',
    query: meterListQuerySchema,
    answer: { schema: pageSchema(meterViewSchema) },
  })
  list(@Query() query: unknown): Promise<Page<MeterView>> {
    return this.meters.list(parseQueryParameters(meterListQuerySchema, query));
  }

  @Get(':key')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'Read a meter',
    answer: { schema: meterViewSchema },
    problems: { 404: '`meter-not-found`' },
  })
  get(@Param('key') key: string): Promise<MeterView> {
    return this.meters.get(key);
  }

  @Put(':key')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Change a meter',
    description:
      'A new version from `effectiveFrom` on; usage measured before keeps its version. The ' +
      'aggregation cannot change.',
    body: meterChangeRequestSchema,
    answer: { schema: meterViewSchema },
    problems: {
      404: '`meter-not-found`',
      422: 'an invalid definition or time, or `meter-change-refused`',
    },
  })
  change(
    @Param('key') key: string,
    @ValidatedBody(meterChangeRequestSchema) { effectiveFrom, ...definition }: MeterChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MeterView> {
    return this.meters.change(
      key,
      {
        definition,
        ...(effectiveFrom === undefined ? {} : { effectiveFrom: new Date(effectiveFrom) }),
      },
      principal.actor,
    );
  }

  @Delete(':key')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Archive a meter',
    description:
      'A new, archived version from the earliest allowed minute on: it counts nothing after; its ' +
      'usage so far stays queryable.',
    answer: { schema: meterViewSchema },
    problems: { 404: '`meter-not-found`', 409: '`meter-archived`: archived already' },
  })
  archive(@Param('key') key: string, @CurrentPrincipal() principal: Principal): Promise<MeterView> {
    return this.meters.archive(key, principal.actor);
  }
}
