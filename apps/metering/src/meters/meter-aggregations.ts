import { aggregations, meterVersionAt, type Aggregation } from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

const versionRow = z.object({
  key: z.string(),
  version: z.int(),
  effective_from: z.date(),
  aggregation: z.enum(aggregations),
});

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
  const rows = await queryRows(
    manager,
    versionRow,
    `SELECT key, version, effective_from, definition->>'aggregation' AS aggregation
       FROM metering.meters
      WHERE key = ANY($1::text[])
      ORDER BY key, version`,
    [meterKeys],
  );
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
