import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  type Page,
  ValidatedParam,
} from '@tenantry/problem-details';
import { z } from 'zod';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { referenceJsonBodySchema, type ReferenceUploadBody } from './reference-request';
import {
  referenceDetailSchema,
  referenceSummarySchema,
  type ReferenceDetail,
  type ReferenceSummary,
} from './reference-summary';
import { ReferencesService } from './references.service';
import { UploadBody } from './upload-body.decorator';

const referenceUploadQuerySchema = z.strictObject({
  activate: z
    .enum(['true', 'false'])
    .default('true')
    .describe('false stores the version without making it the active one'),
});

const referenceListQuerySchema = z.strictObject(pageQuerySchema().shape);

const versionSchema = z
  .string()
  .regex(/^\d{1,10}$/, 'expected a version number')
  .transform(Number)
  .pipe(z.int32().min(1));

/** `/v1/models/{key}/references`: fitted, frozen, versioned reference profiles of a model. */
@ApiTags('references')
@ApiBearerAuth()
@Controller('v1/models/:key/references')
export class ReferencesController {
  constructor(private readonly references: ReferencesService) {}

  @Post()
  @ExpensiveOperation()
  @Roles('drift:write')
  @DocumentedOperation({
    summary: 'Fit and store the next reference version',
    description:
      'From uploaded rows (rows without a timestamp get the upload time) or from the samples ' +
      'received in `{ from, to }`. An upload holds at most `DRIFT_REFERENCE_MAX_ROWS` rows ' +
      '(1,000,000) in up to `DRIFT_REFERENCE_MAX_BYTES` (64 MiB) of NDJSON or CSV, read as it ' +
      'arrives, or 8 MB of JSON. Each numeric column keeps its exact values up to the model’s ' +
      '`referenceSampleLimit` and a sketch.',
    body: referenceJsonBodySchema,
    textBodies: {
      'application/x-ndjson': 'one row per line',
      'text/csv':
        'a header row naming features and optionally timestamp, prediction and label; an empty ' +
        'cell is a missing value',
    },
    query: referenceUploadQuerySchema,
    answer: { status: 201, schema: referenceSummarySchema, description: 'The stored version' },
    problems: {
      404: '`model-not-found`',
      409: '`model-changed-during-upload`: its spec changed while the upload was read',
      413:
        '`upload-too-large` naming the limit passed (`rows` or `bytes`) and its `maximum`; ' +
        '`payload-too-large` for JSON over 8 MB',
      415: 'neither JSON, NDJSON nor CSV',
      422: '`invalid-sample-rows` (every unusable row listed), `malformed-upload` or `empty-reference`',
    },
  })
  create(
    @Param('key') key: string,
    @UploadBody() body: ReferenceUploadBody,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferenceSummary> {
    const { activate } = parseQueryParameters(referenceUploadQuerySchema, query);
    return this.references.create(key, { ...body, activate: activate === 'true' }, principal.actor);
  }

  @Get()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'List the reference versions of a model',
    description: 'Oldest first, with size, source, creation and whether active; not the profiles.',
    query: referenceListQuerySchema,
    answer: { schema: pageSchema(referenceSummarySchema) },
    problems: { 404: '`model-not-found`' },
  })
  list(@Param('key') key: string, @Query() query: unknown): Promise<Page<ReferenceSummary>> {
    return this.references.list(key, parseQueryParameters(referenceListQuerySchema, query));
  }

  @Get(':version')
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Read a reference version with its profile',
    description: 'Per column: counts, missing values, bin edges and counts, or categories.',
    answer: { schema: referenceDetailSchema },
    problems: {
      400: 'the version is not a version number (1 to 2147483647)',
      404: '`model-not-found`, `reference-not-found`',
    },
  })
  get(
    @Param('key') key: string,
    @ValidatedParam('version', versionSchema) version: number,
  ): Promise<ReferenceDetail> {
    return this.references.get(key, version);
  }

  @Post(':version/activate')
  @Roles('drift:write')
  @DocumentedOperation({
    summary: 'Activate a reference version',
    description: 'New windows are compared with it; windows already open keep theirs.',
    answer: { schema: referenceSummarySchema },
    problems: {
      400: 'the version is not a version number (1 to 2147483647)',
      404: '`model-not-found`, `reference-not-found`',
    },
  })
  activate(
    @Param('key') key: string,
    @ValidatedParam('version', versionSchema) version: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferenceSummary> {
    return this.references.activate(key, version, principal.actor);
  }
}
