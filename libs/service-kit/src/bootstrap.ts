// The entry of every service's main.ts. It loads OpenTelemetry and nothing else: the
// instrumentation patches `http` and `pg` as they are first required, so the service (Nest,
// Express, TypeORM) is imported only after startTelemetry, through `load`.
import { startTelemetry } from '@tenantry/observability/telemetry';
import type { serviceSettings } from '@tenantry/config';
import type { z } from 'zod';
import type { ServiceDefinition } from './service-definition';

/** A service's main.ts: its name, and how to import the rest once tracing has started. */
export interface ServiceEntry<Settings extends z.output<typeof serviceSettings>> {
  /** `service.name` of its spans and logs. */
  name: string;
  /**
   * Imports the service's definition, through the app's package `imports` (see the README):
   * `async () => (await import('#x-service')).xService`.
   */
  load(): Promise<ServiceDefinition<Settings>>;
}

/**
 * Runs a service process: tracing first, then the service (see runService); exits 1 when it
 * cannot start.
 */
export function bootstrapService<Settings extends z.output<typeof serviceSettings>>({
  name,
  load,
}: ServiceEntry<Settings>): void {
  const telemetry = startTelemetry({ serviceName: name });
  void (async () => {
    const { runService } = await import('#run-service');
    await runService(name, await load(), telemetry);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
