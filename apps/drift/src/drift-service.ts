import type { ServiceDefinition } from '@tenantry/service-kit';
import { DriftModule } from './drift.module';
import { driftSettings, type DriftSettings } from './drift-settings';

/** The drift service, as main.ts runs it and the tests start it. */
export const driftService: ServiceDefinition<DriftSettings> = {
  settings: driftSettings,
  rootModule: (config, logger) => DriftModule.forRoot(config, logger),
  bodyParsers: {
    // Sample batches of up to 5,000 rows, and reference uploads as JSON rows.
    jsonLimit: '64mb',
    // Reference uploads as NDJSON or CSV.
    text: { types: ['application/x-ndjson', 'text/csv'], limit: '256mb' },
  },
};
