import type { ServiceDefinition } from '@tenantry/service-kit';
import { DriftModule } from './drift.module';
import { driftSettings, type DriftSettings } from './drift-settings';

/** The drift service, as main.ts runs it and the tests start it. */
export const driftService: ServiceDefinition<DriftSettings> = {
  settings: driftSettings,
  rootModule: (config, logger) => DriftModule.forRoot(config, logger),
  bodyParsers: {
    // A JSON body is parsed whole, on the event loop, into objects several times its size:
    // 8 MB holds a sample batch of 5,000 rows of ~1.6 KB and parses in tens of milliseconds.
    // Larger references go as NDJSON or CSV, which the references controller streams itself
    // (DRIFT_REFERENCE_MAX_BYTES, DRIFT_REFERENCE_MAX_ROWS).
    jsonLimit: '8mb',
  },
};
