import {
  currentTenantContext,
  inTenantTransaction,
  serviceRoleGrantsSql,
  sweepTenants,
  tenantIsolationSql,
  tenantSweepPolicySql,
  TenantSweepError,
} from '../src';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

interface DueTask {
  tenant_id: string;
  name: string;
}

describe('a sweep across tenants', () => {
  let database: TestDatabase;
  let owner: Client;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    for (const statement of [
      'CREATE SCHEMA jobs',
      `CREATE TABLE jobs.task (
         tenant_id text NOT NULL, name text NOT NULL, due boolean NOT NULL, done boolean NOT NULL DEFAULT false,
         PRIMARY KEY (tenant_id, name))`,
      ...tenantIsolationSql('jobs.task'),
      tenantSweepPolicySql('jobs.task'),
      ...serviceRoleGrantsSql('jobs'),
      `INSERT INTO jobs.task (tenant_id, name, due) VALUES
         ('tenant-a', 'a1', true), ('tenant-a', 'a2', false),
         ('tenant-b', 'b1', true), ('tenant-b', 'b2', true),
         ('tenant-c', 'c1', false)`,
    ]) {
      await owner.query(statement);
    }
    // One connection: the discovery's setting must not leak into the work on the same session.
    dataSource = await new DataSource({
      type: 'postgres',
      url: database.serviceUrl,
      poolSize: 1,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await owner.end();
    await database.drop();
  });

  const dueTasks = `SELECT tenant_id, name FROM jobs.task WHERE due ORDER BY tenant_id, name`;

  it("visits every due item of every tenant, in its tenant's context, seeing only that tenant's rows", async () => {
    const visits: Array<{ item: DueTask; context: unknown; visible: string[] }> = [];
    const committed: string[] = [];
    await sweepTenants<DueTask, string>(
      dataSource,
      {
        discoverySql: dueTasks,
        actor: 'sweeper',
        afterCommit: (result, item) => committed.push(`${item.name}: ${result}`),
      },
      async (manager, item) => {
        const rows = (await manager.query(`SELECT name FROM jobs.task ORDER BY name`)) as Array<{
          name: string;
        }>;
        visits.push({
          item,
          context: currentTenantContext(),
          visible: rows.map((row) => row.name),
        });
        await manager.query(`UPDATE jobs.task SET done = true WHERE name = $1`, [item.name]);
        return 'done';
      },
    );

    expect(visits).toEqual([
      {
        item: { tenant_id: 'tenant-a', name: 'a1' },
        context: expect.objectContaining({ tenantId: 'tenant-a', actor: 'sweeper' }),
        visible: ['a1', 'a2'],
      },
      {
        item: { tenant_id: 'tenant-b', name: 'b1' },
        context: expect.objectContaining({ tenantId: 'tenant-b', actor: 'sweeper' }),
        visible: ['b1', 'b2'],
      },
      {
        item: { tenant_id: 'tenant-b', name: 'b2' },
        context: expect.objectContaining({ tenantId: 'tenant-b', actor: 'sweeper' }),
        visible: ['b1', 'b2'],
      },
    ]);
    const { rows } = await owner.query(`SELECT name FROM jobs.task WHERE done ORDER BY name`);
    expect(rows.map((row) => row.name)).toEqual(['a1', 'b1', 'b2']);
    expect(committed).toEqual(['a1: done', 'b1: done', 'b2: done']);
  });

  it('lets the discovery read across tenants but never write', async () => {
    await expect(
      sweepTenants(
        dataSource,
        { discoverySql: `UPDATE jobs.task SET done = false RETURNING tenant_id`, actor: 'sweeper' },
        async () => undefined,
      ),
    ).rejects.toThrow(/read-only transaction/);
  });

  it('reads nothing across tenants outside a sweep', async () => {
    expect(await dataSource.query(`SELECT * FROM jobs.task`)).toEqual([]);
    const fromTenantA = await inTenantTransaction(
      dataSource,
      (manager) => manager.query(`SELECT tenant_id FROM jobs.task`),
      'tenant-a',
    );
    expect(fromTenantA).toEqual([{ tenant_id: 'tenant-a' }, { tenant_id: 'tenant-a' }]);
  });

  it('goes on past an item that fails and reports every failure at the end', async () => {
    const visited: string[] = [];
    const sweep = sweepTenants<DueTask>(
      dataSource,
      { discoverySql: dueTasks, actor: 'sweeper' },
      async (_manager, item) => {
        visited.push(item.name);
        if (item.tenant_id === 'tenant-a') throw new Error('a is broken');
      },
    );
    await expect(sweep).rejects.toThrow(TenantSweepError);
    await expect(sweep).rejects.toThrow(/"name":"a1".*a is broken/);
    expect(visited).toEqual(['a1', 'b1', 'b2']);
  });
});
