import { tenantIsolationGaps } from '@tenantry/testing';
import { prepareDriftEnvironment } from './drift-test-app';

describe('the drift database', () => {
  it('keeps every table with a tenant_id under forced row-level security, owned by another role', async () => {
    const { database } = await prepareDriftEnvironment();
    try {
      expect(await tenantIsolationGaps(database.ownerUrl)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
