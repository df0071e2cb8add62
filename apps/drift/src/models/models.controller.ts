import { Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { modelSpecSchema, type ModelSpec } from '@tenantry/drift-core';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  ValidatedBody,
  type Page,
} from '@tenantry/problem-details';
import { z } from 'zod';
import { modelChangeSchema, type ModelChange } from './model-change';
import { modelRecordSchema, type ModelRecord } from './model-record';
import { ModelsService } from './models.service';

const modelListQuerySchema = z.strictObject(pageQuerySchema().shape);

/** `/v1/models`: a tenant's monitored models; `drift:admin` registers and changes them, `drift:read` reads them. */
@ApiTags('models')
@ApiBearerAuth()
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Post()
  @Roles('drift:admin')
  @DocumentedOperation({
    summary: 'Register a model',
    description: 'Answers the stored spec with the defaults filled in.',
    body: modelSpecSchema,
    answer: { status: 201, schema: modelRecordSchema, description: 'The registered model' },
    problems: { 409: '`model-exists`: the key is taken' },
  })
  register(
    @ValidatedBody(modelSpecSchema) spec: ModelSpec,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModelRecord> {
    return this.models.register(spec, principal.actor);
  }

  @Get()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'List the models',
    description: 'In key order (code points).',
    query: modelListQuerySchema,
    answer: { schema: pageSchema(modelRecordSchema) },
  })
  list(@Query() query: unknown): Promise<Page<ModelRecord>> {
    return this.models.list(parseQueryParameters(modelListQuerySchema, query));
  }

  @Get(':key')
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Read a model',
    answer: { schema: modelRecordSchema },
    problems: { 404: '`model-not-found`' },
  })
  get(@Param('key') key: string): Promise<ModelRecord> {
    return this.models.get(key);
  }

  @Patch(':key')
  @Roles('drift:admin')
  @DocumentedOperation({
    summary: 'Change the description or policy of a model',
    description:
      'Policy fields are merged into the stored policy and the result is checked like a new ' +
      'spec. Features, segments and windows cannot change: register a new key instead.',
    body: modelChangeSchema,
    answer: { schema: modelRecordSchema },
    problems: { 404: '`model-not-found`', 422: 'an invalid change or resulting spec' },
  })
  change(
    @Param('key') key: string,
    @ValidatedBody(modelChangeSchema) change: ModelChange,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModelRecord> {
    return this.models.change(key, change, principal.actor);
  }

  @Delete(':key')
  @Roles('drift:admin')
  @DocumentedOperation({
    summary: 'Delete a model',
    description: "The model's references, samples, windows, statuses and history go with it.",
    answer: { status: 204 },
    problems: { 404: '`model-not-found`' },
  })
  delete(@Param('key') key: string): Promise<void> {
    return this.models.delete(key);
  }
}
