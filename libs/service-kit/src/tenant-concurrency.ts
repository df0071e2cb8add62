/**
 * Counts the requests each tenant has in flight and admits at most `limit` of them at once, so
 * that one tenant's expensive requests cannot take every slot of a service instance.
 */
export class TenantConcurrency {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Takes a slot of the tenant; the returned release gives it back (once). Undefined when all are taken. */
  acquire(tenantId: string): (() => void) | undefined {
    const taken = this.inFlight.get(tenantId) ?? 0;
    if (taken >= this.limit) return undefined;
    this.inFlight.set(tenantId, taken + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.inFlight.get(tenantId)! - 1;
      if (left === 0) this.inFlight.delete(tenantId);
      else this.inFlight.set(tenantId, left);
    };
  }

  /** The requests the tenant has in flight. */
  inFlightOf(tenantId: string): number {
    return this.inFlight.get(tenantId) ?? 0;
  }
}
