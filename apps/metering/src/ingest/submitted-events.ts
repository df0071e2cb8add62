import { usageEventsIn } from '@tenantry/metering-core';
import { DomainError } from '@tenantry/problem-details';
import { binaryModeEvent, cloudEventsHttpContentTypes, mediaTypeOf } from '@tenantry/schemas';
import type { IncomingHttpHeaders } from 'node:http';

/** The raw events of an ingestion request, and whether it was a batch (answered per event). */
export interface SubmittedEvents {
  events: unknown[];
  batch: boolean;
}

/**
 * Reads a `POST /v1/events` request in any content mode of the CloudEvents HTTP binding:
 * structured (`application/cloudevents+json`, one event), batched
 * (`application/cloudevents-batch+json`, an array), binary (`ce-*` headers, the body is the
 * data) or plain `application/json` (one event object or an array of them).
 */
export function submittedEvents(headers: IncomingHttpHeaders, body: unknown): SubmittedEvents {
  const mediaType = mediaTypeOf(headers['content-type']);
  if (mediaType === cloudEventsHttpContentTypes.batch) {
    if (!Array.isArray(body)) throw notTheContentMode('a batch must be a JSON array of events');
    return { events: usageEventsIn(body), batch: true };
  }
  if (mediaType === cloudEventsHttpContentTypes.structured) {
    if (Array.isArray(body)) {
      throw notTheContentMode(
        `a structured event is one JSON object; send arrays as ${cloudEventsHttpContentTypes.batch}`,
      );
    }
    return { events: usageEventsIn(body), batch: false };
  }
  const binary = binaryModeEvent(headers, body);
  if (binary) return { events: [binary], batch: false };
  return { events: usageEventsIn(body), batch: Array.isArray(body) };
}

function notTheContentMode(detail: string): DomainError {
  return new DomainError({
    status: 400,
    type: 'invalid-event-batch',
    title: 'Invalid event batch',
    detail,
  });
}
