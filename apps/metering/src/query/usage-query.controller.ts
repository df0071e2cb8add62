import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation } from '@tenantry/problem-details';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { usageQueryAnswerSchema, type UsageQueryAnswer } from './usage-query-answer';
import { readUsageQueryRequest, usageQueryParametersSchema } from './usage-query-request';
import { UsageQueryService } from './usage-query.service';

/** `GET /v1/meters/{key}/query`: a meter's usage rolled up into windows of the local calendar. */
@ApiTags('meters')
@ApiBearerAuth()
@Controller('v1/meters/:key/query')
export class UsageQueryController {
  constructor(private readonly usage: UsageQueryService) {}

  @Get()
  @ExpensiveOperation()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: "Query a meter's usage",
    description:
      'Rows per window of the local calendar (and per subject and group values when grouped by ' +
      'them) with usage in [from, to); at most 10,000 windows.',
    query: usageQueryParametersSchema,
    answer: { schema: usageQueryAnswerSchema },
    problems: {
      400:
        '`invalid-query-parameters`, `invalid-query-range` (misaligned, from > to, too many ' +
        'windows), `invalid-time-zone`, `unknown-group`',
      404: '`meter-not-found`',
    },
  })
  query(@Param('key') key: string, @Query() parameters: unknown): Promise<UsageQueryAnswer> {
    return this.usage.query(key, readUsageQueryRequest(parameters));
  }
}
