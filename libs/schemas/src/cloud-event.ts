import { randomUUID } from 'node:crypto';
import { rfc3339DateTimeSchema } from './rfc3339';
import { z } from 'zod';
import { EnvelopeError } from './envelope-error';

import { tenantIdSchema } from './tenant-id';

/** A CloudEvents 1.0 event as Tenantry publishes it: JSON data plus the tenant and tracing extensions. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** Unique per source; consumers use (source, id) as the idempotency key. */
  id: string;
  source: string;
  type: string;
  /**
   * RFC 3339 date-time with an offset. Optional, as in CloudEvents: an event without one
   * happened when its receiver received it (metering stamps its receipt time, over HTTP and Kafka).
   */
  time?: string;
  subject?: string;
  tenantid: string;
  correlationid?: string;
  actor?: string;
  traceparent?: string;
  tracestate?: string;
  datacontenttype: 'application/json';
  data: T;
}

/** Everything in a {@link CloudEvent} except its data. */
export type CloudEventAttributes = Omit<CloudEvent, 'data'>;

// CloudEvents 1.0 "String": no control characters, no lone surrogates, no noncharacters.
const allowedCharacters = /^[^\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]*$/u;
const text = (description: string) =>
  z
    .string({ error: 'must be a string' })
    .regex(allowedCharacters, {
      error: 'must not contain control characters, lone surrogates or Unicode noncharacters',
    })
    .meta({ description });
const requiredText = (description: string) =>
  text(description).min(1, { error: 'must not be empty' });

/** The checks every event's attributes pass, on the way out (createCloudEvent) and in (fromKafkaMessage). */
export const cloudEventAttributesSchema = z.object({
  specversion: z
    .literal('1.0', { error: 'must be 1.0' })
    .meta({ description: 'CloudEvents version' }),
  id: requiredText('event id, unique per source; (source, id) is the idempotency key'),
  source: requiredText('URI-reference of the producer, e.g. /tenantry/metering'),
  type: requiredText('what happened, e.g. drift.detected'),
  time: rfc3339DateTimeSchema
    .meta({
      description:
        'when it happened, RFC 3339 with an offset; without it, the event happened when it was received',
    })
    .optional(),
  subject: requiredText('the entity the event is about, within the source').optional(),
  tenantid: tenantIdSchema.meta({
    description:
      'tenant the event belongs to: 1 to 63 of a-z, 0-9 and -, starting with a letter or digit',
  }),
  correlationid: requiredText('id shared by everything one request or job caused').optional(),
  actor: requiredText('who caused it: a user, API key or service').optional(),
  traceparent: text('W3C trace context').optional(),
  tracestate: text('W3C trace context, vendor part').optional(),
  datacontenttype: z
    .literal('application/json', { error: 'must be application/json' })
    .default('application/json')
    .meta({ description: 'media type of data; optional, JSON when absent' }),
});

type AttributeName = keyof CloudEventAttributes;

/**
 * Checks attributes against {@link cloudEventAttributesSchema}; throws an EnvelopeError naming
 * every bad attribute as `nameOf` spells it (an attribute, a Kafka header...).
 */
export function parseCloudEventAttributes(
  candidate: Partial<Record<AttributeName, unknown>>,
  nameOf: (attribute: AttributeName) => string,
): CloudEventAttributes {
  const parsed = cloudEventAttributesSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map((issue) => {
    const attribute = issue.path[0] as AttributeName;
    return candidate[attribute] === undefined
      ? `missing ${nameOf(attribute)}`
      : `${nameOf(attribute)} ${issue.message}`;
  });
  throw new EnvelopeError(reasons.join('; '));
}

/** What a producer says about a new event; the envelope fills in the rest. */
export interface NewCloudEvent<T> {
  source: string;
  type: string;
  tenantid: string;
  data: T;
  subject?: string;
  correlationid?: string;
  actor?: string;
  traceparent?: string;
  tracestate?: string;
  /** Defaults to a random UUID; give one when the producer has its own idempotency key. */
  id?: string;
  /** Defaults to the clock's now; give one when the event happened earlier. */
  time?: string;
}

/** Builds a valid event (or throws EnvelopeError) with id, time, specversion and datacontenttype filled in. */
export function createCloudEvent<T>(
  event: NewCloudEvent<T>,
  clock: () => Date = () => new Date(),
): CloudEvent<T> {
  const { data, ...given } = event;
  const attributes = parseCloudEventAttributes(
    {
      specversion: '1.0',
      id: randomUUID(),
      time: clock().toISOString(),
      datacontenttype: 'application/json',
      ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    },
    (attribute) => attribute,
  );
  return { ...attributes, data };
}
