import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import {
  DocumentedOperation,
  pageSchema,
  parseQueryParameters,
  type Page,
} from '@tenantry/problem-details';
import {
  windowHistoryQuerySchema,
  windowSummarySchema,
  type WindowSummary,
} from './window-history';
import { WindowsService } from './windows.service';

/** `GET /v1/models/{key}/windows`: the windows of a model and segment with their verdicts. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows')
export class WindowHistoryController {
  constructor(private readonly windows: WindowsService) {}

  @Get()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'List the windows of a model and segment',
    description:
      'Newest first, open ones included (verdict null), a window that could not be judged with ' +
      'verdict `{ status: "error", error }`.',
    query: windowHistoryQuerySchema,
    answer: { schema: pageSchema(windowSummarySchema) },
    problems: { 404: '`model-not-found`' },
  })
  history(@Param('key') key: string, @Query() query: unknown): Promise<Page<WindowSummary>> {
    return this.windows.history(key, parseQueryParameters(windowHistoryQuerySchema, query));
  }
}
