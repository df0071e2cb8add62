import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@tenantry/route-access';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
import { assessReadiness, type ReadinessReport } from './readiness';

/** The part of the Express response the readiness probe needs. */
interface StatusResponse {
  status(code: number): unknown;
}

const defaultReadinessTimeoutMs = 2_000;

/** Liveness and readiness probes for Kubernetes and load balancers. */
// Probes and scrapers carry no token: the auth guard must let them through.
@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions) {}

  /** 200 for as long as the process answers at all: a failing liveness probe restarts the pod. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every dependency answers in time; otherwise 503 naming the failing checks and why. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Kafka answer' })
  @ApiResponse({ status: 503, description: 'A dependency does not answer; the report says which' })
  async ready(@Res({ passthrough: true }) response: StatusResponse): Promise<ReadinessReport> {
    const report = await assessReadiness(
      this.options.readiness,
      this.options.readinessTimeoutMs ?? defaultReadinessTimeoutMs,
    );
    if (report.status !== 'ready') response.status(503);
    return report;
  }
}
