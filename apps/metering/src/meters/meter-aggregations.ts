import type { Aggregation, MeterDefinition } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';

/**
 * The aggregation each of `meterKeys` has at `at` (its latest version in effect then, or its
 * latest version when none is in effect yet); meters that do not exist are absent from the answer.
 */
export async function meterAggregations(
  manager: EntityManager,
  meterKeys: readonly string[],
  at: Date,
): Promise<Map<string, Aggregation>> {
  const rows = (await manager.query(
    `SELECT DISTINCT ON (key) key, definition FROM metering.meters
      WHERE key = ANY($1::text[])
      ORDER BY key, effective_from <= $2 DESC, version DESC`,
    [meterKeys, at],
  )) as Array<{ key: string; definition: MeterDefinition }>;
  return new Map(rows.map((row) => [row.key, row.definition.aggregation]));
}
