import { tenantIdSchema } from './tenant-id';

describe('tenant id', () => {
  it.each(['a', '7', 'acme', 'acme-eu-1', 'a'.repeat(63)])('accepts %s', (id) => {
    expect(tenantIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', '-acme', 'Acme', 'acme_eu', 'acme.eu', 'acmé', 'a'.repeat(64), ' acme'])(
    'refuses %j',
    (id) => {
      expect(tenantIdSchema.safeParse(id).success).toBe(false);
    },
  );
});
