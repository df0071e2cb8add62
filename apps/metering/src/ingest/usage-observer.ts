import type { EntityManager } from 'typeorm';

/** Usage that one transaction added (or took back, for corrections), by meter and minute. */
export interface UsageChange {
  tenantId: string;
  /** The meters and minute buckets whose totals moved. */
  buckets: Array<{ meterKey: string; bucketStart: Date }>;
  /** Events whose time lies before their arrival's minute by more than the grace. */
  lateEvents: Array<{ source: string; id: string; time: Date }>;
}

/**
 * Reacts to usage inside the transaction that recorded it: quotas, cost caps and invoice
 * adjustments. Whatever it writes (notices, outbox events) commits or rolls back with the usage.
 */
export interface UsageObserver {
  afterUsage(manager: EntityManager, change: UsageChange): Promise<void>;
}

/** The observers of the service, registered by their modules at start-up. */
export class UsageObservers {
  private readonly observers: UsageObserver[] = [];

  register(observer: UsageObserver): void {
    this.observers.push(observer);
  }

  async notify(manager: EntityManager, change: UsageChange): Promise<void> {
    if (change.buckets.length === 0 && change.lateEvents.length === 0) return;
    for (const observer of this.observers) await observer.afterUsage(manager, change);
  }
}
