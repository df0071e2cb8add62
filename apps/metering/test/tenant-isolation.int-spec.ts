import { tenantIsolationGaps } from '@tenantry/testing';
import { prepareMeteringEnvironment } from './metering-test-app';

describe('the metering database', () => {
  it('keeps every table with a tenant_id under forced row-level security, owned by another role', async () => {
    const { database } = await prepareMeteringEnvironment();
    try {
      expect(await tenantIsolationGaps(database.ownerUrl)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
