import { DomainError } from '@tenantry/common';
import { defaultEventTimePolicy } from './event-time';
import type { MeterDefinition } from './meter';

// A meter change never rewrites history: usage already recorded keeps the version it was
// measured with. Events may lie up to maxFutureMs ahead of their arrival, so an event received
// until `now` may carry any time up to now + maxFutureMs (inclusive). A new version therefore
// takes effect no earlier than the first whole minute strictly after that: no recorded event
// falls under it. Versions take effect in the order they are made (a later version never
// starts before an earlier one), so the version in effect at an instant is the newest one
// whose effective time has come (meterVersionAt).

const minuteMs = 60_000;

/** A requested meter change that would rewrite recorded usage or break the meter's queries. */
export class MeterChangeRefusedError extends DomainError {
  constructor(detail: string, members: Record<string, unknown> = {}) {
    super({
      status: 422,
      type: 'meter-change-refused',
      title: 'Meter change refused',
      detail,
      members,
    });
  }
}

/** The earliest instant a meter change made at `now` may take effect: see the rule above. */
export function earliestMeterChange(
  now: Date,
  maxFutureMs: number = defaultEventTimePolicy.maxFutureMs,
): Date {
  const horizon = now.getTime() + maxFutureMs;
  return new Date((Math.floor(horizon / minuteMs) + 1) * minuteMs);
}

/**
 * When a new version of a meter takes effect: `requested` if given and allowed, otherwise the
 * earliest allowed instant. Throws MeterChangeRefusedError for a time that is not a whole
 * minute, lies before earliestMeterChange(now), or before the latest version's effective time.
 */
export function meterChangeEffectiveFrom(change: {
  requested?: Date | undefined;
  now: Date;
  latestEffectiveFrom: Date;
  maxFutureMs?: number;
}): Date {
  const earliest = new Date(
    Math.max(
      earliestMeterChange(change.now, change.maxFutureMs).getTime(),
      change.latestEffectiveFrom.getTime(),
    ),
  );
  const { requested } = change;
  if (requested === undefined) return earliest;
  if (Number.isNaN(requested.getTime()) || requested.getTime() % minuteMs !== 0) {
    throw new MeterChangeRefusedError('"effectiveFrom" must be a whole minute (UTC).');
  }
  if (requested.getTime() < earliest.getTime()) {
    throw new MeterChangeRefusedError(
      `"effectiveFrom" must be ${earliest.toISOString()} or later: events already received may ` +
        'carry times up to 5 minutes ahead, and a version never starts before the previous one.',
      { earliestEffectiveFrom: earliest.toISOString() },
    );
  }
  return requested;
}

/**
 * Throws MeterChangeRefusedError when `next` may not follow `previous`: the key is fixed, and
 * so is the aggregation, because a query aggregates a meter's whole history one way and
 * UNIQUE_COUNT and COUNT buckets hold no values another aggregation could read.
 */
export function assertMeterChange(previous: MeterDefinition, next: MeterDefinition): void {
  if (next.key !== previous.key) {
    throw new MeterChangeRefusedError(
      `The key of a meter cannot change (from "${previous.key}" to "${next.key}").`,
    );
  }
  if (next.aggregation !== previous.aggregation) {
    throw new MeterChangeRefusedError(
      `The aggregation of meter "${previous.key}" is ${previous.aggregation} and cannot change; ` +
        'define a new meter to aggregate differently.',
    );
  }
}
