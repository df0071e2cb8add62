import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation, parseQueryParameters } from '@tenantry/problem-details';
import { z } from 'zod';
import { ExpensiveOperation } from '@tenantry/service-kit';
import { windowReportSchema, type WindowReport } from './window-report';
import { windowReportHtml } from './window-report-html';
import { WindowsService } from './windows.service';

const reportQuerySchema = z.strictObject({
  segment: z.string().max(300).default('').describe("'' (the whole model) or <field>=<value>"),
});

const windowIndexSchema = z
  .string()
  .regex(/^-?\d{1,15}$/, 'expected a window index (an integer)')
  .transform(Number);

const reportProblems = {
  400: 'the window index is not an integer, or invalid query parameters',
  404: '`model-not-found`, `window-not-found`',
};

/** `GET /v1/models/{key}/windows/{windowIndex}/report[.html]`: one window against its reference. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows/:windowIndex')
export class WindowReportController {
  constructor(private readonly windows: WindowsService) {}

  @Get('report')
  @ExpensiveOperation()
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Report a window against its reference',
    description:
      'Window bounds, reference version, verdict, and per column the reference and current ' +
      'histograms (bins or categories with shares, new categories flagged), counts, missing ' +
      'values and every statistic.',
    query: reportQuerySchema,
    answer: { schema: windowReportSchema },
    problems: reportProblems,
  })
  report(
    @Param('key') key: string,
    @Param('windowIndex') windowIndex: string,
    @Query() query: unknown,
  ): Promise<WindowReport> {
    return this.build(key, windowIndex, query);
  }

  @Get('report.html')
  @ExpensiveOperation()
  @Roles('drift:read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  @DocumentedOperation({
    summary: 'Report a window against its reference as an HTML page',
    description:
      'The same report as a self-contained page (no script, no external asset) with one SVG ' +
      'chart per column, drifting columns first.',
    query: reportQuerySchema,
    answer: { schema: z.string(), mediaType: 'text/html', description: 'The report page' },
    problems: reportProblems,
  })
  async reportHtml(
    @Param('key') key: string,
    @Param('windowIndex') windowIndex: string,
    @Query() query: unknown,
  ): Promise<string> {
    return windowReportHtml(await this.build(key, windowIndex, query));
  }

  private build(key: string, windowIndex: string, query: unknown): Promise<WindowReport> {
    // The path's window index is checked with the query: a malformed one is a 400 alike.
    const parameters = parseQueryParameters(
      reportQuerySchema.extend({ windowIndex: windowIndexSchema }),
      { ...(query as object), windowIndex },
    );
    return this.windows.report(key, parameters.segment, parameters.windowIndex);
  }
}
