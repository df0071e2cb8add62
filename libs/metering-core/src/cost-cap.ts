import { z } from 'zod';
import { positiveDecimalSchema } from './decimal-string';
import { currencyCodeSchema } from './pricing/currency';
import type { Money } from './pricing/money';
import { parseUsageDecimal } from './usage-value';

/** A tenant's cost cap per billing period: the spend at which the gateway stops its traffic. */
export const costCapSchema = z.object({
  amount: positiveDecimalSchema,
  currency: currencyCodeSchema,
});

/** A tenant's cost cap per billing period, in the currency of its plan. */
export type CostCap = z.output<typeof costCapSchema>;

/**
 * The state of a tenant's cost cap, a circuit breaker over the priced spend of the period:
 * `closed` lets traffic through, `open` blocks it, `half-open` is the moment after a new
 * period or a changed cap when the spend must be compared with the cap again.
 */
export type CapState = 'closed' | 'open' | 'half-open';

/** The events on metering.cap.v1: the gateway blocks on `cap.reached` and unblocks on `cap.cleared`. */
export type CapEvent = 'cap.reached' | 'cap.cleared';

/** What the app knows when it re-evaluates a cap: the spend of the current period and the cap. */
export interface CapObservation {
  /** The priced spend of the current billing period, in the cap's currency. */
  readonly spend: Money;
  readonly cap: CostCap;
  /** A new billing period began since the last evaluation. */
  readonly periodChanged: boolean;
  /** The tenant's cap was changed since the last evaluation. */
  readonly capChanged: boolean;
}

/** The state a cap moves to, and the event to publish with the move (in the same transaction). */
export interface CapTransition {
  readonly state: CapState;
  readonly emit?: CapEvent;
}

/**
 * One step of the cost cap circuit breaker (metering.cap.v1 semantics):
 * - closed → open when spend ≥ cap, emitting `cap.reached`; otherwise it stays closed.
 * - open → half-open when a new period began or the cap changed (raised, or any change: a
 *   lowered cap goes straight back to open); otherwise it stays open, whatever the spend, so a
 *   late refund does not flap the gateway within a period.
 * - half-open → closed when spend < cap, emitting `cap.cleared`; → open otherwise, silently,
 *   since the gateway never heard of half-open and still blocks.
 * Half-open is passed through at once (settleCapState), so the gateway is not kept blocked
 * waiting for usage that it blocks. Emissions alternate, starting with `cap.reached`.
 */
export function nextCapState(state: CapState, observation: CapObservation): CapTransition {
  const { spend, cap, periodChanged, capChanged } = observation;
  if (spend.currency !== cap.currency) {
    throw new RangeError(
      `spend in ${spend.currency} cannot be compared with a cap in ${cap.currency}`,
    );
  }
  const reached = parseUsageDecimal(spend.amount).greaterThanOrEqualTo(
    parseUsageDecimal(cap.amount),
  );
  switch (state) {
    case 'closed':
      return reached ? { state: 'open', emit: 'cap.reached' } : { state: 'closed' };
    case 'open':
      return periodChanged || capChanged ? { state: 'half-open' } : { state: 'open' };
    case 'half-open':
      return reached ? { state: 'open' } : { state: 'closed', emit: 'cap.cleared' };
  }
}

/**
 * Evaluates a cap up to a resting state (closed or open): a step into half-open is followed at
 * once by the half-open step with the same spend and cap. What the app persists and emits.
 */
export function settleCapState(state: CapState, observation: CapObservation): CapTransition {
  const step = nextCapState(state, observation);
  if (step.state !== 'half-open') return step;
  return nextCapState(step.state, { ...observation, periodChanged: false, capChanged: false });
}
