import { hash } from 'node:crypto';
import { canonicalJson } from '@tenantry/common';

/** What two events with the same (tenant, source, id) are compared on. */
export interface EventPayload {
  type: string;
  subject?: string | undefined;
  /** The time the client sent, if any: never the received-time default, or retries would conflict. */
  time?: Date | undefined;
  data: unknown;
}

/** SHA-256 (hex) of the canonical JSON of an event's type, subject, time and data. */
export function payloadHash(event: EventPayload): string {
  const payload = {
    type: event.type,
    subject: event.subject ?? null,
    time: event.time?.toISOString() ?? null,
    data: event.data,
  };
  // The one-shot hash: a Hash object per event cost as much as the canonical JSON.
  return hash('sha256', canonicalJson(payload), 'hex');
}

/**
 * What a second arrival of the same (tenant, source, id) is: the same payload is a harmless
 * `duplicate`; a different one is a `conflict` to report and audit (the first arrival stands).
 */
export function repeatedEventKind(
  storedHash: string,
  arrivingHash: string,
): 'duplicate' | 'conflict' {
  return storedHash === arrivingHash ? 'duplicate' : 'conflict';
}
