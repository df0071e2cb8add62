import { meterDefinitionSchema, type MeterDefinition } from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { MeterNotFoundError } from './meter-not-found.error';

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

const versionRow = z
  .object({
    key: z.string(),
    version: z.number().int(),
    definition: meterDefinitionSchema,
    effective_from: z.date(),
    archived: z.boolean(),
    created_by: z.string(),
    created_at: z.date(),
  })
  .transform((row): StoredMeterVersion => ({
    key: row.key,
    version: row.version,
    definition: row.definition,
    effectiveFrom: row.effective_from,
    archived: row.archived,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }));

const versionColumns = `key, version, definition, effective_from, archived, created_by, created_at`;

/** Every version of one of the transaction tenant's meters, oldest first; none when it has no such meter. */
export function meterVersions(manager: EntityManager, key: string): Promise<StoredMeterVersion[]> {
  return queryRows(
    manager,
    versionRow,
    `SELECT ${versionColumns} FROM metering.meters WHERE key = $1 ORDER BY version`,
    [key],
  );
}

/** Every version of one meter, oldest first; throws MeterNotFoundError when there is none. */
export async function loadMeter(
  manager: EntityManager,
  key: string,
): Promise<StoredMeterVersion[]> {
  const versions = await meterVersions(manager, key);
  if (versions.length === 0) throw new MeterNotFoundError(key);
  return versions;
}

/**
 * Up to `count` of the transaction tenant's meters with a key after `afterKey` (code point
 * order), each as its versions, oldest first.
 */
export async function meterPage(
  manager: EntityManager,
  afterKey: string | undefined,
  count: number,
): Promise<StoredMeterVersion[][]> {
  const versions = await queryRows(
    manager,
    versionRow,
    `SELECT ${versionColumns} FROM metering.meters
      WHERE key IN (SELECT key FROM metering.meters
                     WHERE version = 1 AND ($1::text IS NULL OR key COLLATE "C" > $1)
                     ORDER BY key COLLATE "C" LIMIT $2)
      ORDER BY key COLLATE "C", version`,
    [afterKey ?? null, count],
  );
  const byKey = new Map<string, StoredMeterVersion[]>();
  for (const version of versions) {
    byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);
  }
  return [...byKey.values()];
}
