import { z } from 'zod';

// RFC 3339 section 5.6 date-time: the T and Z may be lowercase, the offset is Z or ±hh:mm.
const dateTimePattern =
  /^(\d{4})-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

// Real offsets lie within ±14:00; PostgreSQL refuses those beyond ±15:59 and the year 0000.
const maxOffsetMinutes = 14 * 60;

/**
 * The instant of an RFC 3339 date-time with an offset, or undefined when `text` is not one
 * (wrong shape, an impossible date such as February 30, the year 0000, an offset beyond
 * ±14:00). The one reading of event times, for HTTP and Kafka alike.
 */
export function parseRfc3339(text: string): Temporal.Instant | undefined {
  const match = dateTimePattern.exec(text);
  if (!match || match[1] === '0000') return undefined;
  if (Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) > maxOffsetMinutes) return undefined;
  try {
    return Temporal.Instant.from(text.toUpperCase());
  } catch {
    return undefined;
  }
}

/** An RFC 3339 date-time with an offset, e.g. 2026-12-04T10:15:30Z (or 2026-12-04t10:15:30z). */
export const rfc3339DateTimeSchema = z
  .string({ error: 'must be a string' })
  .refine((text) => parseRfc3339(text) !== undefined, {
    error:
      'must be an RFC 3339 date-time with an offset within ±14:00 from the year 0001 on, e.g. 2025-01-31T12:00:00Z',
  })
  .meta({ format: 'date-time' });

/** An RFC 3339 date-time read as the Date of its instant. */
export const rfc3339InstantSchema = rfc3339DateTimeSchema.transform(
  (text) => new Date(parseRfc3339(text)!.epochMilliseconds),
);
