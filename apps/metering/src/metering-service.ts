import { cloudEventsHttpContentTypes } from '@tenantry/schemas';
import type { ServiceDefinition } from '@tenantry/service-kit';
import { MeteringModule } from './metering.module';
import { meteringSettings, type MeteringSettings } from './metering-settings';

/** The metering service, as main.ts runs it and the tests start it. */
export const meteringService: ServiceDefinition<MeteringSettings> = {
  settings: meteringSettings,
  rootModule: (config, logger) => MeteringModule.forRoot(config, logger),
  // A batch of 1,000 events; each event is held to 64 KiB on its own. CloudEvents come as plain
  // JSON or in the CloudEvents media types (structured event, batch).
  bodyParsers: { jsonLimit: '8mb', jsonTypes: Object.values(cloudEventsHttpContentTypes) },
};
