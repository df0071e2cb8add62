import { deleteExpiredRows } from '@tenantry/tenant-context';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { pruneInbox } from '../src';
import { migrateLedgerDatabase, serviceDataSource } from './ledger/ledger';

describe('inbox pruning', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let owner: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner.end();
    await dataSource.destroy();
    await database.drop();
  });

  const insert = (tenant: string, id: string, ageDays: number) =>
    owner.query(
      `INSERT INTO messaging.inbox (consumer, tenant_id, event_source, event_id, topic, partition, "offset", received_at)
       VALUES ('ledger', $1, 'test', $2, 'ledger.entries.v1', 0, 0, now() - make_interval(days => $3))`,
      [tenant, id, ageDays],
    );
  const remaining = async () =>
    (
      await owner.query(`SELECT tenant_id, event_id FROM messaging.inbox ORDER BY event_id`)
    ).rows.map(
      (row: { tenant_id: string; event_id: string }) => `${row.tenant_id}/${row.event_id}`,
    );

  beforeEach(() => owner.query('TRUNCATE messaging.inbox'));

  it('deletes the rows past the horizon, of every tenant, and keeps the others', async () => {
    await insert('acme', 'a-old', 121);
    await insert('globex', 'g-old', 200);
    await insert('acme', 'a-new', 119);
    await insert('globex', 'g-new', 0);

    expect(await pruneInbox(dataSource, 120)).toBe(2);
    expect(await remaining()).toEqual(['acme/a-new', 'globex/g-new']);
  });

  it('deletes in batches until none is left', async () => {
    for (let index = 0; index < 5; index++) await insert('acme', `old-${index}`, 30);
    await insert('acme', 'new', 1);

    const rule = { table: 'messaging.inbox', timeColumn: 'received_at', horizonDays: 7 };
    expect(await deleteExpiredRows(dataSource, rule, 2)).toBe(5);
    expect(await remaining()).toEqual(['acme/new']);
  });

  it('opens no other tenant rows to the service outside the sweep', async () => {
    await insert('acme', 'a-old', 365);
    const visible = await dataSource.query(`SELECT * FROM messaging.inbox`);
    const deleted = await dataSource.query(`DELETE FROM messaging.inbox`);
    expect(visible).toEqual([]);
    expect(deleted[1]).toBe(0);
    expect(await remaining()).toEqual(['acme/a-old']);
  });
});
