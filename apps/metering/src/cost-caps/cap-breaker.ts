import { enqueueEvents, outgoing } from '@tenantry/messaging';
import {
  periodOf,
  settleCapState,
  type BillingPeriod,
  type CapEvent,
  type CapState,
  type CapTransition,
  type CostCap,
  type Money,
} from '@tenantry/metering-core';
import { capCleared, capReached, type CapBreakerData } from '@tenantry/schemas';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { loadCostCap } from './cost-cap-store';
import { spendSoFar } from './period-spend';
import { meteringEventSource } from '../metering-event-source';

/** Why the breaker is evaluated: usage moved, the tenant changed its cap, or a reader or the sweep looks. */
export type CapTrigger = 'usage' | 'cap-changed' | 'check';

/** A tenant's cost cap in the current billing period: the breaker's resting state and the spend. */
export interface CapStatus {
  cap: CostCap;
  period: BillingPeriod;
  /** open: the gateway blocks the tenant; closed: traffic flows. */
  state: Exclude<CapState, 'half-open'>;
  spend: Money;
}

const restingState = z.enum(['closed', 'open']);

/** A period's breaker state row, locked while it is evaluated. */
const stateRow = z.object({
  state: restingState,
  spend: z.string(),
  /** How many transitions of the period emitted an event: the last event's number. */
  transitions: z.number().int(),
});

/**
 * Brings the tenant's cost-cap breaker up to date in the caller's transaction (core
 * settleCapState) and puts the event of a transition in the outbox. metering.cost_cap_states
 * holds one row per period, locked while it is evaluated, so concurrent and redelivered usage
 * evaluate one after the other and each transition is emitted once. A period's first evaluation
 * starts from the state the previous period ended in, as a new period: an open breaker
 * half-opens and closes (cap.cleared) unless the new period's spend is at the cap already.
 * `moved` (bucket starts of a usage change) lets usage outside the current period skip pricing.
 * Undefined when the tenant has no cap.
 */
export async function settleCostCap(
  manager: EntityManager,
  tenantId: string,
  now: Date,
  trigger: CapTrigger,
  moved?: readonly Date[],
): Promise<CapStatus | undefined> {
  const stored = await loadCostCap(manager);
  if (stored === undefined) return undefined;
  const { cap } = stored;
  const { timeZone } = await loadTenantSettings(manager);
  const period = periodOf(now, timeZone);
  const capChanged = trigger === 'cap-changed';

  let row = await lockState(manager, period.id);
  if (row === undefined) {
    const previous = await queryRow(
      manager,
      z.object({ state: restingState }),
      `SELECT state FROM metering.cost_cap_states WHERE period_id < $1 ORDER BY period_id DESC LIMIT 1`,
      [period.id],
    );
    const spend = await spendSoFar(manager, period, cap.currency);
    const transition = settleCapState(previous?.state ?? 'closed', {
      spend,
      cap,
      periodChanged: true,
      capChanged,
    });
    const transitions = transition.emit === undefined ? 0 : 1;
    const created = await queryRows(
      manager,
      z.object({ period_id: z.string() }),
      `INSERT INTO metering.cost_cap_states (tenant_id, period_id, state, spend, transitions)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, period_id) DO NOTHING RETURNING period_id`,
      [tenantId, period.id, transition.state, spend.amount, transitions],
    );
    if (created.length === 1) {
      const cause = capChanged ? 'cap-changed' : previous ? 'new-period' : 'usage';
      await emit(manager, tenantId, transition, { period, spend, cap, cause, number: transitions });
      return { cap, period, state: resting(transition), spend };
    }
    // A concurrent transaction evaluated the new period first: carry on from its state.
    row = (await lockState(manager, period.id))!;
  }

  const inPeriod = (start: Date) => start >= period.start && start < period.end;
  if (trigger === 'usage' && (row.state === 'open' || !(moved ?? []).some(inPeriod))) {
    // An open breaker stays open for the period whatever the usage; usage of other periods leaves the spend alone.
    return { cap, period, state: row.state, spend: { amount: row.spend, currency: cap.currency } };
  }
  const spend = await spendSoFar(manager, period, cap.currency);
  const transition = settleCapState(row.state, { spend, cap, periodChanged: false, capChanged });
  const transitions = row.transitions + (transition.emit === undefined ? 0 : 1);
  await manager.query(
    `UPDATE metering.cost_cap_states
        SET state = $2, spend = $3, transitions = $4,
            changed_at = CASE WHEN state = $2 THEN changed_at ELSE now() END
      WHERE period_id = $1`,
    [period.id, transition.state, spend.amount, transitions],
  );
  await emit(manager, tenantId, transition, {
    period,
    spend,
    cap,
    cause: capChanged ? 'cap-changed' : 'usage',
    number: transitions,
  });
  return { cap, period, state: resting(transition), spend };
}

/** Closes an open breaker because the tenant removed its cap (cap.cleared); the caller deletes the cap. */
export async function releaseCostCap(
  manager: EntityManager,
  tenantId: string,
  status: CapStatus,
): Promise<void> {
  if (status.state !== 'open') return;
  const row = await lockState(manager, status.period.id);
  const transitions = (row?.transitions ?? 0) + 1;
  await manager.query(
    `UPDATE metering.cost_cap_states SET state = 'closed', transitions = $2, changed_at = now()
      WHERE period_id = $1`,
    [status.period.id, transitions],
  );
  await emit(
    manager,
    tenantId,
    { state: 'closed', emit: 'cap.cleared' },
    { ...status, cause: 'cap-removed', number: transitions },
  );
}

function lockState(
  manager: EntityManager,
  periodId: string,
): Promise<z.output<typeof stateRow> | undefined> {
  return queryRow(
    manager,
    stateRow,
    `SELECT state, spend::text, transitions FROM metering.cost_cap_states WHERE period_id = $1 FOR UPDATE`,
    [periodId],
  );
}

async function emit(
  manager: EntityManager,
  tenantId: string,
  transition: CapTransition,
  details: {
    period: BillingPeriod;
    spend: Money;
    cap: CostCap;
    cause: CapBreakerData['cause'];
    /** The transition's number in the period (see stateRow.transitions). */
    number: number;
  },
): Promise<void> {
  if (transition.emit === undefined) return;
  const contracts: Record<CapEvent, typeof capReached> = {
    'cap.reached': capReached,
    'cap.cleared': capCleared,
  };
  const contract = contracts[transition.emit];
  const data: CapBreakerData = {
    period: details.period.id,
    periodStart: details.period.start.toISOString(),
    periodEnd: details.period.end.toISOString(),
    spend: details.spend,
    cap: details.cap,
    cause: details.cause,
  };
  await enqueueEvents(manager, [
    outgoing(contract, data, {
      // The natural key of a transition: the same one gets the same ce_id however often it is evaluated.
      id: `${contract.type}/${tenantId}/${details.period.id}/${details.number}`,
      source: meteringEventSource,
      tenantid: tenantId,
      subject: details.period.id,
    }),
  ]);
}

// settleCapState never rests in half-open: it passes through it at once.
function resting(transition: CapTransition): Exclude<CapState, 'half-open'> {
  return transition.state === 'open' ? 'open' : 'closed';
}
