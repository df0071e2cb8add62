// Runs the drift service in-process against the harness's Kafka and a fresh database.
import { devKeyPair, mintInternalToken } from '@tenantry/auth';
import { createKafka, ensureTopics } from '@tenantry/messaging';
import { createLogger } from '@tenantry/observability';
import { topicCatalogue } from '@tenantry/schemas';
import { useBodyParsers } from '@tenantry/service-kit';
import { serviceTestKit, type ServiceEnvironment, type ServiceTestApp } from '@tenantry/testing';
import { driftMigrations } from '../src/drift-migrations';
import { driftService } from '../src/drift-service';
import type { DriftSettings } from '../src/drift-settings';

export type { CallOptions } from '@tenantry/testing';

export const allRoles = ['drift:read', 'drift:write', 'drift:admin'];

export type DriftTestApp = ServiceTestApp<DriftSettings>;

const drift = serviceTestKit({
  migrations: driftMigrations,
  settings: driftService.settings,
  provisionTopics: async (config) => {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'drift-test-setup' });
    await ensureTopics(kafka, topicCatalogue, { prefix: config.KAFKA_TOPIC_PREFIX });
  },
  rootModule: (config) =>
    driftService.rootModule(config, createLogger({ service: 'drift-test', level: 'warn' })),
  configureHttp: (app) => useBodyParsers(app, driftService.bodyParsers),
  signToken: (claims) => mintInternalToken(devKeyPair().privateKey, claims),
  roles: allRoles,
});

/** Migrates a fresh database and prepares the service's settings and topics (no process started). */
export function prepareDriftEnvironment(
  overrides: Record<string, string> = {},
): Promise<ServiceEnvironment<DriftSettings>> {
  return drift.prepareEnvironment(overrides);
}

/** Starts the service in this process (Jest) and listens on a free port. */
export function startDriftTestApp(overrides: Record<string, string> = {}): Promise<DriftTestApp> {
  return drift.start(overrides);
}

/** Authorization + JSON content-type headers for a caller of `tenantId`. */
export function authorization(
  tenantId: string,
  roles: string[] = allRoles,
): Promise<Record<string, string>> {
  return drift.authorization(tenantId, roles);
}
