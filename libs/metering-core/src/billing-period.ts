import { DomainError } from '@tenantry/common';
import { z } from 'zod';
import { assertTimeZone } from './time-zone';
import { windowContaining } from './windows';

/** How long a period runs: a local calendar month (billing) or a local day (daily quotas). */
export type PeriodLength = 'DAY' | 'MONTH';

/**
 * A billing or quota period of a tenant: a calendar month (id 'YYYY-MM') or day (id
 * 'YYYY-MM-DD') in the tenant's time zone, the instants [start, end). It is the MONTH or DAY
 * usage window of that zone, so a month's invoice and a MONTH query cover the same usage.
 */
export interface BillingPeriod {
  readonly id: string;
  readonly length: PeriodLength;
  readonly start: Date;
  readonly end: Date;
}

/** A period id that names no calendar month or day. */
export class InvalidPeriodError extends DomainError {
  constructor(readonly periodId: string) {
    super({
      status: 400,
      type: 'invalid-period',
      title: 'Invalid period',
      detail: `"${periodId}" is not a period: use a month as YYYY-MM or a day as YYYY-MM-DD.`,
      members: { period: periodId },
    });
  }
}

const monthId = /^(\d{4})-(\d{2})$/;
const dayId = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A period id as a query or an event carries it: 'YYYY-MM' or 'YYYY-MM-DD', a real date. */
export const periodIdSchema = z.string().refine((id) => parsePeriodId(id) !== undefined, {
  message: 'a period is a month as YYYY-MM or a day as YYYY-MM-DD',
});

/** The period of `length` (a month by default) in `timeZone` that contains `instant`. */
export function periodOf(
  instant: Date,
  timeZone: string,
  length: PeriodLength = 'MONTH',
): BillingPeriod {
  const { start, end } = windowContaining(instant, length, timeZone);
  const localDate = Temporal.Instant.fromEpochMilliseconds(start.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  if (localDate.year < 1 || localDate.year > 9999) {
    throw new RangeError(`a period id needs a four-digit year, got ${localDate.year}`);
  }
  const id = length === 'MONTH' ? localDate.toPlainYearMonth().toString() : localDate.toString();
  return { id, length, start, end };
}

/** The period an id names, in `timeZone`; throws InvalidPeriodError for a malformed id or date. */
export function periodById(id: string, timeZone: string): BillingPeriod {
  const parsed = parsePeriodId(id);
  if (parsed === undefined) throw new InvalidPeriodError(id);
  assertTimeZone(timeZone);
  const start = parsed.firstDay.toZonedDateTime(timeZone);
  const period = periodOf(new Date(start.epochMilliseconds), timeZone, parsed.length);
  // A day the zone skipped (Pacific/Apia went from 2011-12-29 to 2011-12-31) is no period.
  if (period.id !== id) throw new InvalidPeriodError(id);
  return period;
}

/** The period right after `period`, of the same length, in `timeZone`. */
export function nextPeriod(period: BillingPeriod, timeZone: string): BillingPeriod {
  return periodOf(period.end, timeZone, period.length);
}

function parsePeriodId(
  id: string,
): { length: PeriodLength; firstDay: Temporal.PlainDate } | undefined {
  const month = monthId.exec(id);
  const day = month ? undefined : dayId.exec(id);
  const [year, monthOfYear, dayOfMonth] = (month ?? day ?? []).slice(1).map(Number);
  if (year === undefined || monthOfYear === undefined || year < 1) return undefined;
  try {
    const firstDay = Temporal.PlainDate.from(
      { year, month: monthOfYear, day: dayOfMonth ?? 1 },
      { overflow: 'reject' },
    );
    return { length: month ? 'MONTH' : 'DAY', firstDay };
  } catch {
    return undefined;
  }
}
