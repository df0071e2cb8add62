import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { comparisonRequestSchema, type ComparisonRequest } from './comparison-request';
import { ModelComparison, type ModelComparisonResult } from './model-comparison';

/** `POST /v1/models/{key}/comparisons`: champion (the model of the path) against a challenger. */
@ApiTags('comparisons')
@ApiBearerAuth()
@Controller('v1/models/:key/comparisons')
export class ComparisonsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comparison: ModelComparison,
  ) {}

  /**
   * The challenger's predictions in [from, to) judged against the champion's. 404 for an unknown
   * model; 422 when a model has no prediction, the kinds differ or a side has no rows.
   */
  @Post()
  @HttpCode(200)
  @Roles('drift:read')
  @ApiBody({ schema: openApiSchema(comparisonRequestSchema) })
  compare(
    @Param('key') key: string,
    @ValidatedBody(comparisonRequestSchema) request: ComparisonRequest,
  ): Promise<ModelComparisonResult> {
    return inTenantTransaction(this.dataSource, (manager) =>
      this.comparison.compare(manager, key, request),
    );
  }
}
