import type { EntityManager } from 'typeorm';

/** How a tenant's usage is judged and reported. */
export interface TenantSettings {
  /** IANA zone of billing periods and of default query windows. */
  timeZone: string;
  /** Events older than this are rejected. */
  latenessLimitDays: number;
  /** Events of a type no meter counts: kept (`accept`) or refused (`reject`). */
  unknownEventTypes: 'accept' | 'reject';
}

export const defaultTenantSettings: TenantSettings = {
  timeZone: 'UTC',
  latenessLimitDays: 35,
  unknownEventTypes: 'accept',
};

/** The settings of the transaction's tenant (row-level security picks the row). */
export async function loadTenantSettings(manager: EntityManager): Promise<TenantSettings> {
  const [row] = (await manager.query(
    `SELECT time_zone, lateness_limit_days, unknown_event_types FROM metering.tenant_settings`,
  )) as Array<{
    time_zone: string;
    lateness_limit_days: number;
    unknown_event_types: 'accept' | 'reject';
  }>;
  if (!row) return defaultTenantSettings;
  return {
    timeZone: row.time_zone,
    latenessLimitDays: row.lateness_limit_days,
    unknownEventTypes: row.unknown_event_types,
  };
}
