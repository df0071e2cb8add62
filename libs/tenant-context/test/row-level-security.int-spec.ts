import {
  inTenantSnapshot,
  inTenantTransaction,
  queryRow,
  queryRows,
  serviceRoleGrantsSql,
  tenantIsolationSql,
} from '../src';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

describe('row-level security per transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    for (const statement of [
      'CREATE SCHEMA notes',
      'CREATE TABLE notes.note (id serial PRIMARY KEY, tenant_id text NOT NULL, body text NOT NULL)',
      ...tenantIsolationSql('notes.note'),
      ...serviceRoleGrantsSql('notes'),
    ]) {
      await owner.query(statement);
    }
    await owner.end();
    // One connection, so every transaction below reuses the same session.
    dataSource = await new DataSource({
      type: 'postgres',
      url: database.serviceUrl,
      poolSize: 1,
    }).initialize();
    await inTenantTransaction(
      dataSource,
      (tx) =>
        tx.query(
          `INSERT INTO notes.note (tenant_id, body) VALUES ('tenant-a', 'a1'), ('tenant-a', 'a2')`,
        ),
      'tenant-a',
    );
    await inTenantTransaction(
      dataSource,
      (tx) => tx.query(`INSERT INTO notes.note (tenant_id, body) VALUES ('tenant-b', 'b1')`),
      'tenant-b',
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it("shows tenant A none of tenant B's rows when the query has no tenant filter", async () => {
    const rows = await inTenantTransaction(
      dataSource,
      (tx) => tx.query('SELECT tenant_id, body FROM notes.note ORDER BY body'),
      'tenant-a',
    );
    expect(rows).toEqual([
      { tenant_id: 'tenant-a', body: 'a1' },
      { tenant_id: 'tenant-a', body: 'a2' },
    ]);
  });

  it("refuses to write a row for tenant B from tenant A's context", async () => {
    await expect(
      inTenantTransaction(
        dataSource,
        (tx) => tx.query(`INSERT INTO notes.note (tenant_id, body) VALUES ('tenant-b', 'sneaky')`),
        'tenant-a',
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inTenantTransaction(
        dataSource,
        (tx) => tx.query(`UPDATE notes.note SET tenant_id = 'tenant-b' WHERE body = 'a1'`),
        'tenant-a',
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows nothing outside a tenant transaction, even on a connection that served one', async () => {
    expect(await dataSource.query('SELECT * FROM notes.note')).toEqual([]);
  });

  it('runs as a role that owns no table and cannot bypass row-level security', async () => {
    const [role] = await dataSource.query(
      `SELECT r.rolsuper, r.rolbypassrls, (SELECT tableowner FROM pg_tables WHERE schemaname = 'notes') = current_user AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: false });
  });

  it('reads rows through a row schema, and names the query when a row does not match', async () => {
    const note = z.object({ id: z.coerce.number(), body: z.string() });
    const rows = await inTenantTransaction(
      dataSource,
      (tx) => queryRows(tx, note, 'SELECT id::text, body FROM notes.note ORDER BY body'),
      'tenant-a',
    );
    expect(rows.map(({ id, body }) => [typeof id, body])).toEqual([
      ['number', 'a1'],
      ['number', 'a2'],
    ]);
    const missing = await inTenantTransaction(
      dataSource,
      (tx) => queryRow(tx, note, 'SELECT id, body FROM notes.note WHERE body = $1', ['b1']),
      'tenant-a',
    );
    expect(missing).toBeUndefined();
    await expect(
      inTenantTransaction(
        dataSource,
        (tx) => queryRows(tx, note, 'SELECT id, tenant_id FROM notes.note'),
        'tenant-a',
      ),
    ).rejects.toThrow(/rows of "SELECT id, tenant_id FROM notes.note" do not match: .*body/s);
  });

  it('reads one snapshot in inTenantSnapshot: a commit in between is not seen, a write is refused', async () => {
    const count = async (tx: EntityManager) =>
      ((await tx.query('SELECT count(*)::int AS n FROM notes.note')) as Array<{ n: number }>)[0]!.n;
    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      const [before, after] = await inTenantSnapshot(
        dataSource,
        async (tx) => {
          const first = await count(tx);
          await owner.query(`INSERT INTO notes.note (tenant_id, body) VALUES ('tenant-a', 'a3')`);
          return [first, await count(tx)];
        },
        'tenant-a',
      );
      expect(after).toBe(before);
      await expect(
        inTenantSnapshot(
          dataSource,
          (tx) => tx.query(`DELETE FROM notes.note WHERE body = 'a3'`),
          'tenant-a',
        ),
      ).rejects.toThrow(/read-only transaction/);
    } finally {
      await owner.query(`DELETE FROM notes.note WHERE body = 'a3'`);
      await owner.end();
    }
  });
});
