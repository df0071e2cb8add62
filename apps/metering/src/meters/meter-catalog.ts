import { compileMeter, type CompiledMeter, type MeterDefinition } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

/** One version of a meter and the instant from which it counts. */
export interface MeterVersion {
  key: string;
  version: number;
  effectiveFrom: Date;
  /** An archived version counts nothing from its effective time on. */
  archived: boolean;
  meter: CompiledMeter;
}

/** A tenant's meters, every version, ready to measure events. */
export class MeterCatalog {
  private readonly byKey = new Map<string, MeterVersion[]>();

  constructor(versions: MeterVersion[]) {
    for (const version of [...versions].sort((a, b) => b.version - a.version)) {
      const list = this.byKey.get(version.key) ?? [];
      list.push(version);
      this.byKey.set(version.key, list);
    }
  }

  /** The meters that count an event of `type` happening at `time`, each in its version for that time. */
  metersFor(type: string, time: Date): MeterVersion[] {
    const counting: MeterVersion[] = [];
    for (const versions of this.byKey.values()) {
      const effective = versions.find(
        (version) => version.effectiveFrom.getTime() <= time.getTime(),
      );
      if (effective && !effective.archived && effective.meter.eventType === type)
        counting.push(effective);
    }
    return counting;
  }

  /** Whether any version of any meter counts events of `type`. */
  knowsType(type: string): boolean {
    for (const versions of this.byKey.values()) {
      if (versions.some((version) => version.meter.eventType === type)) return true;
    }
    return false;
  }
}

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
  const rows = (await manager.query(
    `SELECT key, version, definition, effective_from, archived FROM metering.meters`,
  )) as Array<{
    key: string;
    version: number;
    definition: MeterDefinition;
    effective_from: Date;
    archived: boolean;
  }>;
  return new MeterCatalog(
    rows.map((row) => ({
      key: row.key,
      version: row.version,
      effectiveFrom: row.effective_from,
      archived: row.archived,
      meter: compileMeter(row.definition),
    })),
  );
}
