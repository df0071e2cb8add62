// Runs the metering service in-process against the harness's Kafka and a fresh database.
import { devKeyPair, mintInternalToken } from '@tenantry/auth';
import { createKafka, ensureTopics } from '@tenantry/messaging';
import type { MeterDefinition } from '@tenantry/metering-core';
import { createLogger } from '@tenantry/observability';
import { topicCatalogue } from '@tenantry/schemas';
import { serviceTestKit, type ServiceEnvironment, type ServiceTestApp } from '@tenantry/testing';
import type { Client } from 'pg';
import { configureMeteringHttp } from '../src/metering-http';
import { MeteringModule } from '../src/metering.module';
import { meteringMigrations } from '../src/metering-migrations';
import { meteringSettings, type MeteringSettings } from '../src/metering-settings';

export interface MeteringTestApp extends Omit<ServiceTestApp<MeteringSettings>, 'call'> {
  /** Authorization headers of a caller of `tenantId` with `roles`. */
  as(tenantId: string, roles?: string[]): Promise<Record<string, string>>;
  /** Calls the API as a caller of `tenantId`; a JSON answer is parsed, an empty one reads as undefined. */
  call<Body = unknown>(
    tenantId: string,
    method: string,
    path: string,
    body?: unknown,
    roles?: string[],
  ): Promise<{ status: number; type: string | null; body: Body }>;
  /** Defines a meter straight in the database (version 1, counting from the epoch). */
  defineMeter(tenantId: string, definition: MeterDefinition): Promise<void>;
}

export const allRoles = ['metering:read', 'metering:write', 'metering:admin'];

const metering = serviceTestKit({
  migrations: meteringMigrations,
  settings: meteringSettings,
  provisionTopics: async (config) => {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'metering-test-setup' });
    await ensureTopics(kafka, topicCatalogue, { prefix: config.KAFKA_TOPIC_PREFIX });
  },
  rootModule: (config) =>
    MeteringModule.forRoot(config, createLogger({ service: 'metering-test', level: 'warn' })),
  configureHttp: configureMeteringHttp,
  signToken: (claims) => mintInternalToken(devKeyPair().privateKey, claims),
  roles: allRoles,
});

/** Migrates a fresh database and prepares the service's settings and topics (no process started). */
export function prepareMeteringEnvironment(
  overrides: Record<string, string> = {},
): Promise<ServiceEnvironment<MeteringSettings>> {
  return metering.prepareEnvironment(overrides);
}

/** Starts the service in this process (Jest) and listens on a free port. */
export async function startMeteringTestApp(
  overrides: Record<string, string> = {},
): Promise<MeteringTestApp> {
  const service = await metering.start(overrides);
  return {
    ...service,
    as: (tenantId, roles = allRoles) => authorization(tenantId, roles),
    call: (tenantId, method, path, body, roles) =>
      service.call(tenantId, method, path, body, { roles }),
    defineMeter: (tenantId, definition) => insertMeter(service.owner, tenantId, definition),
  };
}

/** Authorization + JSON content-type headers for a caller of `tenantId`. */
export function authorization(
  tenantId: string,
  roles: string[] = allRoles,
): Promise<Record<string, string>> {
  return metering.authorization(tenantId, roles);
}

/** Version 1 of a meter, counting every event from the epoch on. */
export async function insertMeter(
  owner: Client,
  tenantId: string,
  definition: MeterDefinition,
): Promise<void> {
  await owner.query(
    `INSERT INTO metering.meters (tenant_id, key, version, event_type, definition, effective_from, created_by)
     VALUES ($1, $2, 1, $3, $4, 'epoch', 'test')`,
    [tenantId, definition.key, definition.eventType, JSON.stringify(definition)],
  );
}
