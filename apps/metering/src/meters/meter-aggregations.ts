import { meterVersionAt, type Aggregation } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

/**
 * The aggregation each of `meterKeys` has at `at` (its version in effect then, see
 * meterVersionAt, or its latest version when none is in effect yet); meters that do not exist
 * are absent from the answer.
 */
export async function meterAggregations(
  manager: EntityManager,
  meterKeys: readonly string[],
  at: Date,
): Promise<Map<string, Aggregation>> {
  const rows = (await manager.query(
    `SELECT key, version, effective_from, definition->>'aggregation' AS aggregation
       FROM metering.meters
      WHERE key = ANY($1::text[])
      ORDER BY key, version`,
    [meterKeys],
  )) as Array<{ key: string; version: number; effective_from: Date; aggregation: Aggregation }>;
  const byKey = new Map<
    string,
    Array<{ version: number; effectiveFrom: Date; aggregation: Aggregation }>
  >();
  for (const row of rows) {
    const versions = byKey.get(row.key) ?? [];
    versions.push({
      version: row.version,
      effectiveFrom: row.effective_from,
      aggregation: row.aggregation,
    });
    byKey.set(row.key, versions);
  }
  return new Map(
    [...byKey].map(([key, versions]) => [
      key,
      (meterVersionAt(versions, at) ?? versions.at(-1)!).aggregation,
    ]),
  );
}
