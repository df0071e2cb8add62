import { DomainError } from '@tenantry/common';
import { z } from 'zod';

/** A time zone a tenant asked for that is not an IANA time zone name. */
export class InvalidTimeZoneError extends DomainError {
  constructor(readonly timeZone: string) {
    super({
      status: 400,
      type: 'invalid-time-zone',
      title: 'Invalid time zone',
      detail: `"${timeZone}" is not an IANA time zone name (for example Europe/Berlin or UTC).`,
      members: { timeZone },
    });
  }
}

// Temporal also accepts fixed offsets ("+05:30"); they do not follow a place's daylight saving
// rules, so a tenant who means a place must name it.
const fixedOffset = /^[+\-\u2212]/;

/** An IANA time zone name, as a query's `windowTimeZone` or a tenant's setting carries it. */
export const timeZoneSchema = z
  .string()
  .refine(isIanaTimeZone, 'expected an IANA time zone name, such as Europe/Berlin or UTC');

/** Throws InvalidTimeZoneError unless `timeZone` is an IANA time zone name Temporal knows. */
export function assertTimeZone(timeZone: string): void {
  if (!isIanaTimeZone(timeZone)) throw new InvalidTimeZoneError(String(timeZone));
}

function isIanaTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || fixedOffset.test(timeZone)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}
