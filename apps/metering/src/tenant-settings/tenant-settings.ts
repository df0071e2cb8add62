import { timeZoneSchema } from '@tenantry/metering-core';
import { queryRow } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** The settings a tenant's admin sends (`PUT /v1/settings`): every field, as PUT replaces them. */
export const tenantSettingsSchema = z.strictObject({
  timeZone: timeZoneSchema.describe('IANA zone of billing periods and of default query windows'),
  latenessLimitDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .describe('events older than this are rejected'),
  unknownEventTypes: z
    .enum(['accept', 'reject'])
    .describe('events of a type no meter counts: kept (`accept`) or refused (`reject`)'),
});

/** How a tenant's usage is judged and reported. */
export type TenantSettings = z.output<typeof tenantSettingsSchema>;

const settingsRow = z
  .object({
    time_zone: z.string(),
    lateness_limit_days: z.number().int(),
    unknown_event_types: tenantSettingsSchema.shape.unknownEventTypes,
  })
  .transform((row): TenantSettings => ({
    timeZone: row.time_zone,
    latenessLimitDays: row.lateness_limit_days,
    unknownEventTypes: row.unknown_event_types,
  }));

/** The settings of a tenant that never changed them. */
export const defaultTenantSettings: TenantSettings = {
  timeZone: 'UTC',
  latenessLimitDays: 35,
  unknownEventTypes: 'accept',
};

/** The settings of the transaction's tenant (row-level security picks the row). */
export async function loadTenantSettings(manager: EntityManager): Promise<TenantSettings> {
  const settings = await queryRow(
    manager,
    settingsRow,
    `SELECT time_zone, lateness_limit_days, unknown_event_types FROM metering.tenant_settings`,
  );
  return settings ?? defaultTenantSettings;
}

/** Replaces the settings of the transaction's tenant. */
export async function saveTenantSettings(
  manager: EntityManager,
  tenantId: string,
  settings: TenantSettings,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO metering.tenant_settings (tenant_id, time_zone, lateness_limit_days, unknown_event_types, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id) DO UPDATE SET
       time_zone = EXCLUDED.time_zone,
       lateness_limit_days = EXCLUDED.lateness_limit_days,
       unknown_event_types = EXCLUDED.unknown_event_types,
       updated_at = EXCLUDED.updated_at`,
    [tenantId, settings.timeZone, settings.latenessLimitDays, settings.unknownEventTypes, now],
  );
}
