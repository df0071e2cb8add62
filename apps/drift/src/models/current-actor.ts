import { currentTenantContext } from '@tenantry/tenant-context';

/** The authenticated caller's subject, for created_by / updated_by (the auth guard binds it before any handler). */
export function currentActor(): string {
  return currentTenantContext()?.actor ?? 'unknown';
}
