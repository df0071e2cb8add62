import {
  assertMeterChange,
  compileMeter,
  meterChangeEffectiveFrom,
  meterDefinitionSchema,
  type MeterDefinition,
} from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';
import type { UsageObservers } from '../ingest/usage-observer';
import { lockMeterCatalog } from './meter-catalog';
import { MeterArchivedError } from './meter-archived.error';
import { MeterExistsError } from './meter-exists.error';
import { backfillMeter, type MeterBackfill } from './meter-backfill';
import { loadMeter, meterVersions } from './meter-versions';
import { meterView, type MeterView } from './meter-view';

/** A change to a meter's definition: the new definition, and when it takes effect. */
export interface MeterChange {
  /** The definition without its key, or with the same key. */
  definition: Record<string, unknown>;
  effectiveFrom?: Date;
}

const epoch = new Date(0);

/**
 * A tenant's meters and their versions. Each operation runs inside the caller's tenant
 * transaction and takes the catalog lock first (see meter-catalog.ts), so a change and the
 * ingestion of events never pass each other.
 */
export class MeterRegistry {
  constructor(
    private readonly observers: UsageObservers,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Version 1 of a new meter, counting from the epoch: the tenant's stored events of its type
   * are measured into its buckets now, and the usage observers hear of the moved buckets.
   */
  async define(
    manager: EntityManager,
    tenantId: string,
    definition: MeterDefinition,
    actor: string,
  ): Promise<MeterView & { backfill: MeterBackfill }> {
    await lockMeterCatalog(manager);
    const now = this.clock();
    if ((await meterVersions(manager, definition.key)).length > 0) {
      throw new MeterExistsError(definition.key);
    }
    const meter = compileMeter(definition);
    await insertVersion(manager, tenantId, {
      definition: meter.definition,
      version: 1,
      effectiveFrom: epoch,
      archived: false,
      actor,
      now,
    });
    const { backfill, buckets } = await backfillMeter(manager, tenantId, meter, 1);
    await this.observers.notify(manager, { tenantId, buckets, lateEvents: [] });
    return { ...meterView(await loadMeter(manager, definition.key), now), backfill };
  }

  /** A new version of a meter from `effectiveFrom` on (see meterChangeEffectiveFrom); earlier usage keeps its version. */
  async change(
    manager: EntityManager,
    tenantId: string,
    key: string,
    change: MeterChange,
    actor: string,
  ): Promise<MeterView> {
    await lockMeterCatalog(manager);
    // Read after the lock: every event measured with the old catalog was received before now.
    const now = this.clock();
    const latest = (await loadMeter(manager, key)).at(-1)!;
    const definition = meterDefinitionSchema.parse({ key, ...change.definition });
    assertMeterChange(latest.definition, definition);
    const effectiveFrom = meterChangeEffectiveFrom({
      requested: change.effectiveFrom,
      now,
      latestEffectiveFrom: latest.effectiveFrom,
    });
    await insertVersion(manager, tenantId, {
      definition,
      version: latest.version + 1,
      effectiveFrom,
      archived: false,
      actor,
      now,
    });
    return meterView(await loadMeter(manager, key), now);
  }

  /** A new, archived version of a meter from the earliest allowed time on: it counts nothing after. */
  async archive(
    manager: EntityManager,
    tenantId: string,
    key: string,
    actor: string,
  ): Promise<MeterView> {
    await lockMeterCatalog(manager);
    // Read after the lock: every event measured with the old catalog was received before now.
    const now = this.clock();
    const latest = (await loadMeter(manager, key)).at(-1)!;
    if (latest.archived) throw new MeterArchivedError(key);
    const effectiveFrom = meterChangeEffectiveFrom({
      now,
      latestEffectiveFrom: latest.effectiveFrom,
    });
    await insertVersion(manager, tenantId, {
      definition: latest.definition,
      version: latest.version + 1,
      effectiveFrom,
      archived: true,
      actor,
      now,
    });
    return meterView(await loadMeter(manager, key), now);
  }
}

async function insertVersion(
  manager: EntityManager,
  tenantId: string,
  {
    definition,
    version,
    effectiveFrom,
    archived,
    actor,
    now,
  }: {
    definition: MeterDefinition;
    version: number;
    effectiveFrom: Date;
    archived: boolean;
    actor: string;
    now: Date;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO metering.meters
       (tenant_id, key, version, event_type, definition, effective_from, archived, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      tenantId,
      definition.key,
      version,
      definition.eventType,
      JSON.stringify(definition),
      effectiveFrom,
      archived,
      actor,
      now,
    ],
  );
}
