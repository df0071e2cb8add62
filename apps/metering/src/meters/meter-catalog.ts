import {
  compileMeter,
  meterCatalog,
  type MeterCatalog,
  type MeterDefinition,
} from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

const storedMeterRow = z.object({
  key: z.string(),
  version: z.int(),
  // compileMeter parses the definition (this runs per ingested chunk: parsing it here too would
  // do that work twice).
  definition: z.custom<MeterDefinition>((value) => typeof value === 'object' && value !== null),
  effective_from: z.date(),
  archived: z.boolean(),
});

// A meter change and the events measured without it must not pass each other: a new meter's
// backfill has to see every event an ingest measured with the old catalog, and every ingest
// that starts later has to see the new meter. So whoever loads the catalog holds this per-tenant
// lock shared until commit, and a meter change holds it exclusively (lockMeterCatalog). It is
// taken in a statement of its own: under READ COMMITTED the next statement's snapshot then
// includes a change that committed while we waited.
const catalogLock = `hashtext('metering.meters'), hashtext(current_setting('app.tenant_id'))`;

/**
 * Locks the transaction tenant's meters for a change until commit: waits for the transactions
 * that loaded the catalog to finish, and holds off new ones until this one ends.
 */
export async function lockMeterCatalog(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${catalogLock})`);
}

/** The transaction tenant's meters (row-level security picks the rows). */
export async function loadMeterCatalog(manager: EntityManager): Promise<MeterCatalog> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${catalogLock})`);
  const rows = await queryRows(
    manager,
    storedMeterRow,
    `SELECT key, version, definition, effective_from, archived FROM metering.meters`,
  );
  return meterCatalog(
    rows.map((row) => ({
      key: row.key,
      version: row.version,
      effectiveFrom: row.effective_from,
      archived: row.archived,
      meter: compileMeter(row.definition),
    })),
  );
}
