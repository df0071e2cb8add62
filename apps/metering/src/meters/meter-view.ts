import { meterDefinitionSchema, meterVersionAt } from '@tenantry/metering-core';
import { z } from 'zod';
import { meterBackfillSchema } from './meter-backfill';
import type { StoredMeterVersion } from './meter-versions';

const definition = meterDefinitionSchema.shape;

/** One stored version of a meter as the API shows it. */
export const meterVersionViewSchema = z.object({
  version: z.number().int().positive(),
  eventType: definition.eventType,
  aggregation: definition.aggregation,
  valueProperty: definition.valueProperty,
  groupBy: definition.groupBy,
  filter: definition.filter,
  effectiveFrom: z.iso.datetime().describe('the version counts events from this instant on'),
  archived: z.boolean().describe('an archived version counts nothing'),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

/** A meter: the version in effect now, spread at the top, and every version, oldest first. */
export const meterViewSchema = meterVersionViewSchema.extend({
  key: definition.key,
  versions: z.array(meterVersionViewSchema).describe('every version, oldest first'),
});

/** A meter as the API shows it. */
export type MeterView = z.output<typeof meterViewSchema>;

/** A new meter, with what its backfill found among the stored events. */
export const definedMeterSchema = meterViewSchema.extend({ backfill: meterBackfillSchema });

/** The version in effect at `now` (see meterVersionAt). */
export function versionInEffect(versions: StoredMeterVersion[], now: Date): StoredMeterVersion {
  const inEffect = meterVersionAt(versions, now);
  // Version 1 counts from the epoch, so some version is always in effect.
  if (inEffect === undefined) throw new Error(`meter ${versions[0]?.key} has no version in effect`);
  return inEffect;
}

/** The API view of a meter at `now`. */
export function meterView(versions: StoredMeterVersion[], now: Date): MeterView {
  const current = versionInEffect(versions, now);
  return { key: current.key, ...versionView(current), versions: versions.map(versionView) };
}

function versionView(stored: StoredMeterVersion): z.output<typeof meterVersionViewSchema> {
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
