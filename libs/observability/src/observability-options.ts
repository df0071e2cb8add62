import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ReadinessCheck } from './readiness';

/** What `ObservabilityModule` serves. */
export interface ObservabilityOptions {
  /** Every dependency the service needs before it takes traffic (e.g. postgresReadiness, kafkaReadiness). */
  readiness: ReadinessCheck[];
  /** How long each check may take before it counts as failed; 2000 ms by default. */
  readinessTimeoutMs?: number;
}

/** Gives `ObservabilityModule` its `forRoot` and `forRootAsync` and the options token. */
export const {
  ConfigurableModuleClass: ConfigurableObservabilityModule,
  MODULE_OPTIONS_TOKEN: OBSERVABILITY_OPTIONS,
} = new ConfigurableModuleBuilder<ObservabilityOptions>().setClassMethodName('forRoot').build();
