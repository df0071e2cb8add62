import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@tenantry/route-access';
import { metricsRegistry } from './metrics';

/** The Prometheus scrape endpoint. */
// Probes and scrapers carry no token: the auth guard must let them through.
@Public()
@Controller('metrics')
export class MetricsController {
  /** Every metric of the process in the Prometheus text format. */
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
