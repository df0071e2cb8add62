import { openApiSchema } from '@tenantry/problem-details';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { currentActor } from '../models/current-actor';
import { ModelStore } from '../models/model-store';
import { fitRequestedReference } from './reference-fitting';
import { referenceProfileView, type ReferenceProfileView } from './reference-profile-view';
import { readReferenceRequest, referenceJsonBodySchema } from './reference-request';
import { ReferenceStore, type ReferenceSummary } from './reference-store';

const activateFlag = z.enum(['true', 'false']).default('true');

/** `/v1/models/{key}/references`: fitted, frozen, versioned reference profiles of a model. */
@ApiTags('references')
@ApiBearerAuth()
@Controller('v1/models/:key/references')
export class ReferencesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
  ) {}

  /**
   * Fits and stores the next version from rows (JSON array or `{ rows }`, NDJSON, CSV) or from the
   * samples received in `{ from, to }`; activates it unless `?activate=false`. 201 with its summary;
   * 422 listing unusable rows, 415 for another media type.
   */
  @Post()
  @HttpCode(201)
  @Roles('drift:write')
  @ApiConsumes('application/json', 'application/x-ndjson', 'text/csv')
  @ApiBody({
    schema: openApiSchema(referenceJsonBodySchema),
    description:
      'JSON: rows, { rows } or { from, to }. NDJSON: one row per line. CSV: a header row naming ' +
      'features and optionally timestamp, prediction and label.',
  })
  @ApiQuery({ name: 'activate', required: false, enum: ['true', 'false'] })
  // Declaring an answer replaces the inferred 201: both are declared.
  @ApiResponse({ status: 201, description: 'The summary of the stored version' })
  @ApiResponse({ status: 415, description: 'Neither JSON, NDJSON nor CSV' })
  create(
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query('activate') activate: string | undefined,
  ): Promise<ReferenceSummary> {
    const uploadTime = new Date();
    const shouldActivate = activateFlag.parse(activate) === 'true';
    return inTenantTransaction(this.dataSource, async (manager, tenantId) => {
      const model = await this.models.get(manager, key);
      const request = readReferenceRequest(body, contentType, model.spec, uploadTime);
      const reference = await fitRequestedReference(manager, model, request);
      return this.references.create(manager, tenantId, key, reference, {
        actor: currentActor(),
        activate: shouldActivate,
      });
    });
  }

  /** Every version with its size, source, creation and whether it is active; not the profiles. */
  @Get()
  @Roles('drift:read')
  async list(@Param('key') key: string): Promise<{ references: ReferenceSummary[] }> {
    const references = await inTenantTransaction(this.dataSource, (manager) =>
      this.references.list(manager, key),
    );
    return { references };
  }

  /** The version's summary and profile: per column counts, missing, bin edges and counts, categories. */
  @Get(':version')
  @Roles('drift:read')
  get(
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<ReferenceSummary & { profile: ReferenceProfileView }> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return {
        ...(await this.references.summary(manager, key, version)),
        profile: referenceProfileView(await this.references.get(manager, key, version)),
      };
    });
  }

  /** Makes the version the one new windows are compared with. */
  @Post(':version/activate')
  @HttpCode(200)
  @Roles('drift:write')
  activate(
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<ReferenceSummary> {
    return inTenantTransaction(this.dataSource, (manager) =>
      this.references.activate(manager, key, version, currentActor()),
    );
  }
}
