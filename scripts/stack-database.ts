// Creates a service's database and the service login role when missing, and prints the
// owner's URL of that database (for migrations).
// Usage: stack-database.ts <admin url> <service database url>
import { Client } from 'pg';

async function main(): Promise<void> {
  const [adminUrl, serviceUrl] = process.argv.slice(2);
  if (!adminUrl || !serviceUrl)
    throw new Error('usage: stack-database.ts <admin url> <service url>');
  const service = new URL(serviceUrl);
  const role = decodeURIComponent(service.username);
  const database = service.pathname.slice(1);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const roleExists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (roleExists.rowCount === 0)
      await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS`);
    const databaseExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (databaseExists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${database}`;
  process.stdout.write(`${ownerUrl.toString()}\n`);
}

main().catch((error: unknown) => {
  console.error(`stack: database setup failed: ${(error as Error).message}`);
  process.exit(1);
});
