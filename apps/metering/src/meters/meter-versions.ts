import type { MeterDefinition } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';
import { MeterNotFoundError } from './meter-not-found.error';

/** One stored version of a meter as the API shows it. */
export interface MeterVersionView {
  version: number;
  eventType: string;
  aggregation: MeterDefinition['aggregation'];
  valueProperty?: string;
  groupBy: Record<string, string>;
  filter?: MeterDefinition['filter'];
  /** ISO 8601 UTC: the version counts events from this instant on. */
  effectiveFrom: string;
  /** An archived version counts nothing. */
  archived: boolean;
  createdBy: string;
  createdAt: string;
}

/** A meter: the version in effect now, spread at the top, and every version, oldest first. */
export type MeterView = { key: string } & MeterVersionView & { versions: MeterVersionView[] };

/** A stored version of a meter with its definition. */
export interface StoredMeterVersion {
  key: string;
  version: number;
  definition: MeterDefinition;
  effectiveFrom: Date;
  archived: boolean;
  createdBy: string;
  createdAt: Date;
}

/** Every version of the transaction tenant's meters (or of one key), by key and version. */
export async function loadMeterVersions(
  manager: EntityManager,
  key?: string,
): Promise<Map<string, StoredMeterVersion[]>> {
  const rows = (await manager.query(
    `SELECT key, version, definition, effective_from, archived, created_by, created_at
       FROM metering.meters
      WHERE $1::text IS NULL OR key = $1
      ORDER BY key COLLATE "C", version`,
    [key ?? null],
  )) as Array<{
    key: string;
    version: number;
    definition: MeterDefinition;
    effective_from: Date;
    archived: boolean;
    created_by: string;
    created_at: Date;
  }>;
  const byKey = new Map<string, StoredMeterVersion[]>();
  for (const row of rows) {
    const versions = byKey.get(row.key) ?? [];
    versions.push({
      key: row.key,
      version: row.version,
      definition: row.definition,
      effectiveFrom: row.effective_from,
      archived: row.archived,
      createdBy: row.created_by,
      createdAt: row.created_at,
    });
    byKey.set(row.key, versions);
  }
  return byKey;
}

/** Every version of one meter, oldest first; throws MeterNotFoundError when there is none. */
export async function loadMeter(
  manager: EntityManager,
  key: string,
): Promise<StoredMeterVersion[]> {
  const versions = (await loadMeterVersions(manager, key)).get(key);
  if (versions === undefined) throw new MeterNotFoundError(key);
  return versions;
}

/** The version in effect at `now`: the newest whose effective time has come. */
export function versionInEffect(versions: StoredMeterVersion[], now: Date): StoredMeterVersion {
  const inEffect = versions
    .filter((version) => version.effectiveFrom.getTime() <= now.getTime())
    .at(-1);
  // Version 1 counts from the epoch, so some version is always in effect.
  if (inEffect === undefined) throw new Error(`meter ${versions[0]?.key} has no version in effect`);
  return inEffect;
}

/** The API view of a meter at `now`. */
export function meterView(versions: StoredMeterVersion[], now: Date): MeterView {
  const current = versionInEffect(versions, now);
  return { key: current.key, ...versionView(current), versions: versions.map(versionView) };
}

function versionView(stored: StoredMeterVersion): MeterVersionView {
  const { eventType, aggregation, valueProperty, groupBy, filter } = stored.definition;
  return {
    version: stored.version,
    eventType,
    aggregation,
    ...(valueProperty === undefined ? {} : { valueProperty }),
    groupBy,
    ...(filter === undefined ? {} : { filter }),
    effectiveFrom: stored.effectiveFrom.toISOString(),
    archived: stored.archived,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt.toISOString(),
  };
}
