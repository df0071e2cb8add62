import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { serviceRole } from '@tenantry/config';

export interface TestDatabase {
  name: string;
  /** Connects as the database owner: migrations and test assertions. */
  ownerUrl: string;
  /** Connects as the service role, as the services do in production. */
  serviceUrl: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the test server for one test file; `drop()` removes it.
 * The server comes from the harness (`TENANTRY_TEST_POSTGRES_URL`, set by the Jest
 * global setup).
 */
export async function createTestDatabase(
  adminUrl = requiredEnv('TENANTRY_TEST_POSTGRES_URL'),
): Promise<TestDatabase> {
  const name = `tenantry_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
  });
  const ownerUrl = withDatabase(adminUrl, name);
  const serviceUrl = withDatabase(adminUrl, name, serviceRole);
  return {
    name,
    ownerUrl,
    serviceUrl,
    async drop() {
      await withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

/** Creates the service login role once per server (roles are server-wide). */
export async function ensureServiceRole(adminUrl: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`
      DO $$ BEGIN
        CREATE ROLE ${serviceRole} LOGIN NOSUPERUSER NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object THEN NULL;
      END $$`);
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = '';
  }
  return parsed.toString();
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through the Jest config`);
  return value;
}
