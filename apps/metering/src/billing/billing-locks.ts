import type { EntityManager } from 'typeorm';

// Closing a period must not pass an ingest that is adding usage to it: the close would miss
// the usage and the ingest would see no finalized invoice to adjust. So every usage change
// holds the tenant's invoicing lock shared until commit, and a close (or a plan change) holds it
// exclusively. Each is taken in a statement of its own: under READ COMMITTED the next statement
// sees what committed while we waited.
const invoicing = `hashtext('metering.invoices'), hashtext(current_setting('app.tenant_id'))`;
// Adjustments are differences of period totals, so two transactions recording them for one
// tenant at once would each miss the other's usage (for MAX, UNIQUE_COUNT...): they take turns.
const adjusting = `hashtext('metering.invoice_adjustments'), hashtext(current_setting('app.tenant_id'))`;

/** Holds the transaction tenant's invoicing lock shared: no period closes until commit. */
export async function shareInvoicingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${invoicing})`);
}

/** Holds the transaction tenant's invoicing lock alone: waits for usage changes in flight, holds off new ones. */
export async function holdInvoicingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${invoicing})`);
}

/** Makes the transaction tenant's adjustment recorders take turns until commit. */
export async function holdAdjustmentLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${adjusting})`);
}
