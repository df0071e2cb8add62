import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, ValidatedBody } from '@tenantry/problem-details';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { comparisonRequestSchema, type ComparisonRequest } from './comparison-request';
import { comparisonResultSchema, type ComparisonResult } from './comparison-result';
import { ComparisonsService } from './comparisons.service';

/** `POST /v1/models/{key}/comparisons`: champion (the model of the path) against a challenger. */
@ApiTags('comparisons')
@ApiBearerAuth()
@Controller('v1/models/:key/comparisons')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  @Post()
  @ExpensiveOperation()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Compare a challenger model with this one',
    description:
      "The challenger's predictions received in [from, to) judged against the champion's with " +
      "the champion's prediction statistic, threshold and policy.",
    body: comparisonRequestSchema,
    answer: { schema: comparisonResultSchema },
    problems: {
      404: '`model-not-found` (champion or challenger)',
      422: 'an invalid body, or `comparison-not-possible`: a model has no prediction, the kinds differ or a side has no rows',
    },
  })
  compare(
    @Param('key') key: string,
    @ValidatedBody(comparisonRequestSchema) request: ComparisonRequest,
  ): Promise<ComparisonResult> {
    return this.comparisons.compare(key, request);
  }
}
