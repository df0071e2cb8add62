// Runs the metering service in-process against the harness's Kafka and a fresh database.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { devKeyPair, mintInternalToken } from '@tenantry/auth';
import { loadConfig } from '@tenantry/config';
import { createKafka, ensureTopics } from '@tenantry/messaging';
import type { MeterDefinition } from '@tenantry/metering-core';
import { createLogger } from '@tenantry/observability';
import { topicCatalogue } from '@tenantry/schemas';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueTopicPrefix,
  type TestDatabase,
} from '@tenantry/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MeteringModule } from '../src/metering.module';
import { meteringMigrations } from '../src/metering-migrations';
import { meteringSettings, type MeteringSettings } from '../src/metering-settings';

export interface MeteringTestApp {
  url: string;
  database: TestDatabase;
  config: MeteringSettings;
  /** A superuser connection to the test database (bypasses row-level security) for assertions. */
  owner: Client;
  app: INestApplication;
  /** Authorization headers of a caller of `tenantId` with `roles`. */
  as(tenantId: string, roles?: string[]): Promise<Record<string, string>>;
  /** Calls the API as a caller of `tenantId`; an empty answer body reads as undefined. */
  call<Body = unknown>(
    tenantId: string,
    method: string,
    path: string,
    body?: unknown,
    roles?: string[],
  ): Promise<{ status: number; type: string | null; body: Body }>;
  /** Defines a meter straight in the database (version 1, counting from the epoch). */
  defineMeter(tenantId: string, definition: MeterDefinition): Promise<void>;
  close(): Promise<void>;
}

export const allRoles = ['metering:read', 'metering:write', 'metering:admin'];

/** Migrates a fresh database and prepares the service's settings and topics (no process started). */
export async function prepareMeteringEnvironment(
  overrides: Record<string, string> = {},
): Promise<{ database: TestDatabase; config: MeteringSettings; env: Record<string, string> }> {
  const database = await createTestDatabase();
  const migrator = await new DataSource({
    type: 'postgres',
    url: database.ownerUrl,
    migrations: meteringMigrations,
  }).initialize();
  await migrator.runMigrations({ transaction: 'all' });
  await migrator.destroy();
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.serviceUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    ...overrides,
  };
  const config = loadConfig(meteringSettings, env);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'metering-test-setup' });
  await ensureTopics(kafka, topicCatalogue, { prefix: config.KAFKA_TOPIC_PREFIX });
  return { database, config, env };
}

/** Starts the service in this process (Jest) and listens on a free port. */
export async function startMeteringTestApp(
  overrides: Record<string, string> = {},
): Promise<MeteringTestApp> {
  const { database, config } = await prepareMeteringEnvironment(overrides);
  const logger = createLogger({ service: 'metering-test', level: 'warn' });
  const app = await NestFactory.create<NestExpressApplication>(
    MeteringModule.forRoot(config, logger),
    {
      logger: ['error', 'warn'],
      bodyParser: false,
    },
  );
  app.useBodyParser('json', { limit: '8mb' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const owner = new Client({ connectionString: database.ownerUrl });
  await owner.connect();
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    config,
    owner,
    app,
    as: (tenantId, roles = allRoles) => authorization(tenantId, roles),
    async call(tenantId, method, path, body, roles) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: await authorization(tenantId, roles),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: text === '' ? undefined : JSON.parse(text),
      };
    },
    defineMeter: (tenantId, definition) => insertMeter(owner, tenantId, definition),
    async close() {
      await app.close();
      await owner.end();
      await database.drop();
    },
  };
}

/** Authorization + JSON content-type headers for a caller of `tenantId`. */
export async function authorization(
  tenantId: string,
  roles: string[] = allRoles,
): Promise<Record<string, string>> {
  const token = await mintInternalToken(devKeyPair().privateKey, {
    tenantId,
    subject: `tester@${tenantId}`,
    roles,
    ttlSeconds: 600,
  });
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
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
