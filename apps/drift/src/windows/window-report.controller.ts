import { parseQueryParameters } from '@tenantry/problem-details';
import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelStore } from '../models/model-store';
import { ReferenceStore } from '../references/reference-store';
import { loadDriftWindow } from './drift-window';
import { windowReport, type WindowReport } from './window-report';
import { windowReportHtml } from './window-report-html';

const reportParametersSchema = z.strictObject({
  windowIndex: z
    .string()
    .regex(/^-?\d{1,15}$/, 'expected a window index (an integer)')
    .transform(Number),
  segment: z.string().max(300).default(''),
});

/** `GET /v1/models/{key}/windows/{windowIndex}/report[.html]`: one window against its reference. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows/:windowIndex')
export class WindowReportController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
  ) {}

  /**
   * Window bounds, reference version, verdict, and per column the reference and current
   * histograms (bins or categories with shares, new categories flagged), counts, missing values and
   * every statistic. 404 for an unknown model or window.
   */
  @Get('report')
  @Roles('drift:read')
  @ApiQuery({ name: 'segment', required: false, description: "'' (default) or <field>=<value>" })
  report(
    @Param('key') key: string,
    @Param('windowIndex') windowIndex: string,
    @Query() query: unknown,
  ): Promise<WindowReport> {
    return this.build(key, windowIndex, query);
  }

  /** The same report as a self-contained HTML page with one SVG chart per column, drifting columns first. */
  @Get('report.html')
  @Roles('drift:read')
  @ApiProduces('text/html')
  @ApiQuery({ name: 'segment', required: false, description: "'' (default) or <field>=<value>" })
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  async reportHtml(
    @Param('key') key: string,
    @Param('windowIndex') windowIndex: string,
    @Query() query: unknown,
  ): Promise<string> {
    return windowReportHtml(await this.build(key, windowIndex, query));
  }

  private build(key: string, windowIndex: string, query: unknown): Promise<WindowReport> {
    const parameters = parseQueryParameters(reportParametersSchema, {
      ...(query as object),
      windowIndex,
    });
    return inTenantTransaction(this.dataSource, async (manager) => {
      const model = await this.models.get(manager, key);
      const window = await loadDriftWindow(
        manager,
        key,
        parameters.segment,
        parameters.windowIndex,
      );
      const reference = await this.references.get(manager, key, window.referenceVersion);
      return windowReport(model.spec, reference, window);
    });
  }
}
