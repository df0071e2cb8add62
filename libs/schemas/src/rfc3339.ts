import { z } from 'zod';

// RFC 3339 section 5.6 date-time: the T and Z may be lowercase, the offset is Z or ±hh:mm.
const dateTimePattern =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The instant of an RFC 3339 date-time with an offset, or undefined when `text` is not one
 * (wrong shape, or an impossible date such as February 30). The one reading of event times,
 * for HTTP and Kafka alike.
 */
export function parseRfc3339(text: string): Temporal.Instant | undefined {
  if (!dateTimePattern.test(text)) return undefined;
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
    error: 'must be an RFC 3339 date-time with an offset, e.g. 2025-01-31T12:00:00Z',
  })
  .meta({ format: 'date-time' });
