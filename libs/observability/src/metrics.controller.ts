import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@tenantry/route-access';
import { metricsRegistry } from './metrics';

/** The Prometheus scrape endpoint. */
// Probes and scrapers carry no token: the auth guard must let them through.
@Public()
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  /** Every metric of the process in the Prometheus text format. */
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
