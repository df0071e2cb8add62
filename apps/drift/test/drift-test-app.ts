// Runs the drift service in-process against the harness's Kafka and a fresh database.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { devKeyPair, mintInternalToken } from '@tenantry/auth';
import { loadConfig } from '@tenantry/config';
import { createKafka, ensureTopics } from '@tenantry/messaging';
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
import { configureDriftHttp } from '../src/drift-http';
import { DriftModule } from '../src/drift.module';
import { driftMigrations } from '../src/drift-migrations';
import { driftSettings, type DriftSettings } from '../src/drift-settings';

export const allRoles = ['drift:read', 'drift:write', 'drift:admin'];

/** How a test calls the API: JSON unless `contentType` says otherwise (then `body` is sent as is). */
export interface CallOptions {
  roles?: string[];
  contentType?: string;
}

export interface DriftTestApp {
  url: string;
  database: TestDatabase;
  config: DriftSettings;
  /** A superuser connection to the test database (bypasses row-level security) for assertions. */
  owner: Client;
  app: INestApplication;
  /** Calls the API as a caller of `tenantId`; a JSON answer is parsed, any other is returned as text. */
  call<Body = unknown>(
    tenantId: string,
    method: string,
    path: string,
    body?: unknown,
    options?: CallOptions,
  ): Promise<{ status: number; type: string | null; body: Body }>;
  close(): Promise<void>;
}

/** Migrates a fresh database and prepares the service's settings and topics (no process started). */
export async function prepareDriftEnvironment(
  overrides: Record<string, string> = {},
): Promise<{ database: TestDatabase; config: DriftSettings; env: Record<string, string> }> {
  const database = await createTestDatabase();
  const migrator = await new DataSource({
    type: 'postgres',
    url: database.ownerUrl,
    migrations: driftMigrations,
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
  const config = loadConfig(driftSettings, env);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'drift-test-setup' });
  await ensureTopics(kafka, topicCatalogue, { prefix: config.KAFKA_TOPIC_PREFIX });
  return { database, config, env };
}

/** Starts the service in this process (Jest) and listens on a free port. */
export async function startDriftTestApp(
  overrides: Record<string, string> = {},
): Promise<DriftTestApp> {
  const { database, config } = await prepareDriftEnvironment(overrides);
  const logger = createLogger({ service: 'drift-test', level: 'warn' });
  const app = await NestFactory.create<NestExpressApplication>(
    DriftModule.forRoot(config, logger),
    {
      logger: ['error', 'warn'],
      bodyParser: false,
    },
  );
  configureDriftHttp(app);
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
    async call(tenantId, method, path, body, options = {}) {
      const headers = await authorization(tenantId, options.roles);
      if (options.contentType) headers['content-type'] = options.contentType;
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        ...(body === undefined
          ? {}
          : { body: options.contentType ? String(body) : JSON.stringify(body) }),
      });
      const text = await response.text();
      const type = response.headers.get('content-type');
      return {
        status: response.status,
        type,
        body: text !== '' && type?.includes('json') ? JSON.parse(text) : text || undefined,
      };
    },
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
