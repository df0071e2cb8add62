import { randomUUID } from 'node:crypto';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { createTestDatabase, tenantIsolationGaps, type TestDatabase } from '@tenantry/testing';
import type { DataSource } from 'typeorm';
import { enqueueEvents, outgoing } from '../src';
import { entryRecorded, migrateLedgerDatabase, serviceDataSource } from './ledger/ledger';

const entry = (tenant: string) =>
  outgoing(
    entryRecorded,
    { amount: 1 },
    { source: 'test/ledger', tenantid: tenant, id: randomUUID() },
  );

describe('the outbox under row-level security', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLedgerDatabase(database.ownerUrl);
    dataSource = await serviceDataSource(database.serviceUrl);
    for (const tenant of ['acme', 'globex']) {
      await inTenantTransaction(
        dataSource,
        (manager) => enqueueEvents(manager, [entry(tenant)]),
        tenant,
      );
    }
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it("shows a tenant's transaction only its own waiting events, and lets it delete only those", async () => {
    const seen = await inTenantTransaction(
      dataSource,
      async (manager) => {
        const visible = (await manager.query('SELECT tenant_id FROM messaging.outbox')) as Array<{
          tenant_id: string;
        }>;
        const [, deleted] = (await manager.query('DELETE FROM messaging.outbox')) as [
          unknown,
          number,
        ];
        throw Object.assign(new Error('roll back'), { visible, deleted });
      },
      'acme',
    ).catch((rolledBack: { visible: unknown; deleted: unknown }) => rolledBack);
    expect(seen).toMatchObject({ visible: [{ tenant_id: 'acme' }], deleted: 1 });
  });

  it('refuses an event enqueued for another tenant', async () => {
    await expect(
      inTenantTransaction(
        dataSource,
        (manager) => enqueueEvents(manager, [entry('globex')]),
        'acme',
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('leaves no tenant table of the database outside tenant isolation', async () => {
    expect(await tenantIsolationGaps(database.ownerUrl)).toEqual([]);
  });
});
