// Runs a service in-process (Jest, benches) against the harness's Kafka and a fresh database.
import { ConsoleLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tenantry/config';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { z } from 'zod';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testKafkaBrokers, uniqueTopicPrefix } from './test-kafka';

/**
 * What varies between services. Topic provisioning and token signing come in from the caller:
 * the libraries that do them (messaging, schemas, auth) test themselves with this one, so
 * importing them here would make the project graph circular.
 */
export interface ServiceTestAppSpec<Settings> {
  migrations: NonNullable<DataSourceOptions['migrations']>;
  settings: z.ZodType<Settings>;
  /** Creates the topics the service uses, under the settings' prefix. */
  provisionTopics(config: Settings): Promise<void>;
  rootModule(config: Settings): DynamicModule;
  /** The service's body parsers, as main.ts installs them. */
  configureHttp(app: NestExpressApplication): void;
  /** Signs an internal token, as the gateway would (`mintInternalToken` with the dev key). */
  signToken(claims: TokenClaims): Promise<string>;
  /** The roles of a caller that names none. */
  roles: readonly string[];
}

/** What a test caller's internal token vouches for. */
export interface TokenClaims {
  tenantId: string;
  subject: string;
  roles: readonly string[];
  ttlSeconds: number;
}

/** How a test calls the API: JSON unless `contentType` says otherwise (then `body` is sent as is). */
export interface CallOptions {
  roles?: string[];
  contentType?: string;
}

export interface ServiceEnvironment<Settings> {
  database: TestDatabase;
  config: Settings;
  env: Record<string, string>;
}

export interface ServiceTestApp<Settings> {
  url: string;
  database: TestDatabase;
  config: Settings;
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
  /** Authorization + JSON content-type headers for a caller of `tenantId` (the spec's roles by default). */
  authorization(tenantId: string, roles?: readonly string[]): Promise<Record<string, string>>;
  /** What the service logged as errors, oldest first: a 500's cause, under its correlation id. */
  loggedErrors: readonly string[];
  close(): Promise<void>;
}

export interface ServiceTestKit<Settings> {
  /** Migrates a fresh database and prepares the service's settings and topics (no process started). */
  prepareEnvironment(overrides?: Record<string, string>): Promise<ServiceEnvironment<Settings>>;
  /** Starts the service in this process and listens on a free port. */
  start(overrides?: Record<string, string>): Promise<ServiceTestApp<Settings>>;
  /** Authorization + JSON content-type headers for a caller of `tenantId` (the spec's roles by default). */
  authorization(tenantId: string, roles?: readonly string[]): Promise<Record<string, string>>;
}

export function serviceTestKit<Settings>(
  spec: ServiceTestAppSpec<Settings>,
): ServiceTestKit<Settings> {
  async function authorization(
    tenantId: string,
    roles: readonly string[] = spec.roles,
  ): Promise<Record<string, string>> {
    const token = await spec.signToken({
      tenantId,
      subject: `tester@${tenantId}`,
      roles,
      ttlSeconds: 600,
    });
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  async function prepareEnvironment(
    overrides: Record<string, string> = {},
  ): Promise<ServiceEnvironment<Settings>> {
    const database = await createTestDatabase();
    const migrator = await new DataSource({
      type: 'postgres',
      url: database.ownerUrl,
      migrations: spec.migrations,
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
    const config = loadConfig(spec.settings, env);
    await spec.provisionTopics(config);
    return { database, config, env };
  }

  async function start(overrides: Record<string, string> = {}): Promise<ServiceTestApp<Settings>> {
    const { database, config } = await prepareEnvironment(overrides);
    const loggedErrors: string[] = [];
    const app = await NestFactory.create<NestExpressApplication>(spec.rootModule(config), {
      logger: new ErrorRecordingLogger(loggedErrors),
      bodyParser: false,
    });
    spec.configureHttp(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    return {
      url,
      database,
      config,
      owner,
      app,
      async call(tenantId, method, path, body, options = {}) {
        const headers = await authorization(tenantId, options.roles);
        if (options.contentType) headers['content-type'] = options.contentType;
        const response = await fetch(`${url}${path}`, {
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
      authorization,
      loggedErrors,
      async close() {
        await app.close();
        await owner.end();
        await database.drop();
      },
    };
  }

  return { prepareEnvironment, start, authorization };
}

/** Nest's console logger (errors and warnings) that also keeps the errors' messages. */
class ErrorRecordingLogger extends ConsoleLogger {
  constructor(private readonly errors: string[]) {
    super({ logLevels: ['error', 'warn'] });
  }

  override error(message: unknown, ...rest: unknown[]): void {
    this.errors.push(String(message));
    super.error(message, ...rest);
  }
}
