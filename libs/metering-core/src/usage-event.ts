import { DomainError } from '@tenantry/common';
import { z } from 'zod';
import { boundedInput, rfc3339InstantSchema, usageEventTypePattern } from '@tenantry/schemas';

/** How much one ingestion call may carry. */
export interface IngestLimits {
  /** Most events in one `POST /v1/events` batch. */
  maxBatch: number;
  /** Largest event, in bytes of its JSON (HTTP) or of the Kafka message. */
  maxEventBytes: number;
}

/** The limits of the public API. */
export const ingestLimits: IngestLimits = { maxBatch: 1000, maxEventBytes: 64 * 1024 };

/** A CloudEvents `type` as meters match it (usageEventTypePattern), at most 256 characters. */
export const eventTypeSchema = z
  .string()
  .max(256)
  .regex(usageEventTypePattern, 'expected a type like "com.example.api.request"');

// Control characters are refused in id and source: they cannot be stored as PostgreSQL text
// (NUL) and LATEST's tiebreak joins source and id with one of them (see latestTiebreak).
const printable = /^[^\u0000-\u001f\u007f]*$/;

/**
 * One CloudEvent in JSON structured mode, as clients POST it. Attributes other than these
 * (datacontenttype, extensions such as tenantid) are dropped: the tenant comes from the
 * caller's token, never from the event. `time` stays absent when the client sent none (the
 * payload hash must not depend on when a retry arrived); use occurredAt for its effective time.
 * `time` is kept to the millisecond (finer digits are dropped): that is what dedupe, buckets and
 * LATEST compare, and what the app stores. Behind the input boundary, so each event of a batch
 * is refused on its own.
 */
export const usageEventSchema = boundedInput(
  z.object({
    specversion: z.literal('1.0').default('1.0'),
    id: z.string().min(1).max(256).regex(printable, 'must not contain control characters'),
    source: z.string().min(1).max(512).regex(printable, 'must not contain control characters'),
    type: eventTypeSchema,
    subject: z.string().min(1).max(256).optional(),
    time: rfc3339InstantSchema.optional(),
    data: z.record(z.string(), z.unknown()),
  }),
);

/** A validated usage event (the output of usageEventSchema). */
export type UsageEvent = z.infer<typeof usageEventSchema>;

/** When the event happened: its own time, or the time it was received when it has none. */
export function occurredAt(event: Pick<UsageEvent, 'time'>, receivedAt: Date): Date {
  return event.time ?? receivedAt;
}

/** The outcome of reading one raw event: the event, or why it is rejected. */
export type UsageEventReading = { ok: true; event: UsageEvent } | { ok: false; reason: string };

/** Validates one raw event (size, then schema) into an event or a readable rejection reason. */
export function readUsageEvent(
  raw: unknown,
  limits: IngestLimits = ingestLimits,
): UsageEventReading {
  const bytes = jsonByteLength(raw);
  if (bytes > limits.maxEventBytes) {
    return {
      ok: false,
      reason: `event is ${bytes} bytes; at most ${limits.maxEventBytes} are accepted`,
    };
  }
  const parsed = usageEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const reason = parsed.error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  return { ok: false, reason };
}

/**
 * The events in a request body: one event object, or an array of 1..maxBatch. Each is then
 * read on its own (readUsageEvent) so one bad event does not refuse the others.
 */
export function usageEventsIn(body: unknown, limits: IngestLimits = ingestLimits): unknown[] {
  if (Array.isArray(body)) {
    if (body.length === 0 || body.length > limits.maxBatch) {
      throw new DomainError({
        status: 422,
        type: 'invalid-event-batch',
        title: 'Invalid event batch',
        detail: `a batch holds 1 to ${limits.maxBatch} events; this one holds ${body.length}`,
        members: { maxBatch: limits.maxBatch, received: body.length },
      });
    }
    return body;
  }
  if (typeof body === 'object' && body !== null) return [body];
  throw new DomainError({
    status: 400,
    type: 'invalid-event-batch',
    title: 'Invalid event batch',
    detail: 'the body must be one CloudEvent object or an array of them',
  });
}

function jsonByteLength(raw: unknown): number {
  return Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
}
