import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PricingError } from '@tenantry/metering-core';
import type { EntityManager } from 'typeorm';
import { UsageObservers, type UsageChange, type UsageObserver } from '../ingest/usage-observer';
import { settleCostCap } from './cap-breaker';

/**
 * Prices usage as it arrives for tenants with a cost cap, in the transaction that records it,
 * and moves their breaker (cap.reached) when the period's spend reaches the cap.
 */
@Injectable()
export class CapUsageObserver implements UsageObserver, OnModuleInit {
  private readonly logger = new Logger(CapUsageObserver.name);

  constructor(private readonly observers: UsageObservers) {}

  onModuleInit(): void {
    this.observers.register(this);
  }

  async afterUsage(manager: EntityManager, change: UsageChange): Promise<void> {
    if (change.buckets.length === 0) return;
    const moved = change.buckets.map(({ bucketStart }) => bucketStart);
    try {
      await settleCostCap(manager, change.tenantId, new Date(), 'usage', moved);
    } catch (error) {
      // Usage the plan cannot price (a negative total) must not stop usage from being recorded;
      // the invoice preview reports the same problem to the tenant.
      if (!(error instanceof PricingError)) throw error;
      this.logger.warn(`cost cap of ${change.tenantId} not evaluated: ${error.message}`);
    }
  }
}
