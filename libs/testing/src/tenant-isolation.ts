import { serviceRole } from '@tenantry/config';
import { Client } from 'pg';

/**
 * Every table of the database at `ownerUrl` that has a `tenant_id` column but escapes tenant
 * isolation, with why: row-level security not enabled or not forced, no policy, a policy that
 * neither compares `tenant_id` with the transaction's tenant nor is the read-only tenant sweep
 * of `tenantSweepPolicySql`, or owned by the service role (an owner may turn row-level security
 * off). Empty when every tenant table is isolated.
 */
export async function tenantIsolationGaps(ownerUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      table_name: string;
      enabled: boolean;
      forced: boolean;
      owner: string;
      policies: string[];
    }>(
      `SELECT c.oid::regclass::text AS table_name, c.relrowsecurity AS enabled,
              c.relforcerowsecurity AS forced, pg_get_userbyid(c.relowner) AS owner,
              ARRAY(SELECT p.polcmd::text || ' ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '') ||
                           ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                      FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1`,
    );
    return rows.flatMap((table) => {
      const gaps: string[] = [];
      if (!table.enabled) gaps.push('row-level security is not enabled');
      if (!table.forced) gaps.push('row-level security is not forced');
      if (table.policies.length === 0) gaps.push('it has no policy');
      const unbound = table.policies.filter(
        (policy) => !tenantBound.test(policy) && !readOnlySweep.test(policy),
      );
      if (unbound.length > 0) gaps.push(`a policy does not bind tenant_id: ${unbound.join('; ')}`);
      if (table.owner === serviceRole) gaps.push(`the service role ${serviceRole} owns it`);
      return gaps.map((gap) => `${table.table_name}: ${gap}`);
    });
  } finally {
    await client.end();
  }
}

// pg_get_expr's rendering of the policies tenant-context writes; polcmd 'r' is SELECT.
const tenantBound = /tenant_id = current_setting\('app\.tenant_id'::text, true\)/;
const readOnlySweep = /^r \(current_setting\('app\.tenant_sweep'::text, true\) = 'on'::text\) $/;
