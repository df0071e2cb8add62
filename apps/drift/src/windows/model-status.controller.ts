import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, parseQueryParameters } from '@tenantry/problem-details';
import { z } from 'zod';
import { modelStatusViewSchema, type ModelStatusView } from './drift-status-view';
import { WindowsService } from './windows.service';

const statusQuerySchema = z.strictObject({
  segment: z.string().max(300).optional().describe("'' or <field>=<value>; every segment without"),
});

/** `GET /v1/models/{key}/status`: where each segment of a model stands. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/status')
export class ModelStatusController {
  constructor(private readonly windows: WindowsService) {}

  @Get()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Read the drift status of a model',
    description:
      "Per segment ('' is the whole model): ok, drifting or no_reference and since when, the " +
      "last judged window with each column's statistic, value, threshold and status (or status " +
      '`error` and why it could not be judged), and the open windows with their row counts.',
    query: statusQuerySchema,
    answer: { schema: modelStatusViewSchema },
    problems: { 404: '`model-not-found`' },
  })
  status(@Param('key') key: string, @Query() query: unknown): Promise<ModelStatusView> {
    const { segment } = parseQueryParameters(statusQuerySchema, query);
    return this.windows.status(key, segment);
  }
}
