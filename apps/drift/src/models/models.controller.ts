import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { modelSpecSchema, type ModelSpec } from '@tenantry/drift-core';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { currentActor } from './current-actor';
import { modelChangeSchema, type ModelChange } from './model-change';
import { ModelStore, type ModelRecord } from './model-store';

/** `/v1/models`: a tenant's monitored models; `drift:admin` registers and changes them, `drift:read` reads them. */
@ApiTags('models')
@ApiBearerAuth()
@Controller('v1/models')
export class ModelsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
  ) {}

  /** 201 with the stored spec (defaults filled in); 409 when the key exists, 422 for an invalid spec. */
  @Post()
  @HttpCode(201)
  @Roles('drift:admin')
  @ApiBody({ schema: openApiSchema(modelSpecSchema) })
  // Declaring an answer replaces the inferred 201: both are declared.
  @ApiResponse({ status: 201, description: 'The stored spec, defaults filled in' })
  @ApiResponse({ status: 409, description: 'A model with this key exists' })
  create(@ValidatedBody(modelSpecSchema) spec: ModelSpec): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      this.models.create(manager, tenantId, spec, currentActor()),
    );
  }

  @Get()
  @Roles('drift:read')
  async list(): Promise<{ models: ModelRecord[] }> {
    const models = await inTenantTransaction(this.dataSource, (manager) =>
      this.models.list(manager),
    );
    return { models };
  }

  @Get(':key')
  @Roles('drift:read')
  get(@Param('key') key: string): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, (manager) => this.models.get(manager, key));
  }

  /** Changes `description` and `policy` only; features, segments and windows need a new model key. */
  @Patch(':key')
  @Roles('drift:admin')
  @ApiBody({ schema: openApiSchema(modelChangeSchema) })
  update(
    @Param('key') key: string,
    @ValidatedBody(modelChangeSchema) change: ModelChange,
  ): Promise<ModelRecord> {
    return inTenantTransaction(this.dataSource, (manager) =>
      this.models.update(manager, key, change, currentActor()),
    );
  }

  /** 204; the model's references, samples, windows, statuses and history go with it. */
  @Delete(':key')
  @HttpCode(204)
  @Roles('drift:admin')
  async delete(@Param('key') key: string): Promise<void> {
    await inTenantTransaction(this.dataSource, (manager) => this.models.delete(manager, key));
  }
}
