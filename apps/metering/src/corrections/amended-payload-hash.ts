import { payloadHash } from '@tenantry/metering-core';

/** A stored raw event as far as its payload identity goes. */
export interface StoredPayload {
  type: string;
  /** '' when the event had none. */
  subject: string;
  /** The event's effective time: its own, or when it arrived if it had none. */
  time: Date;
  data: unknown;
  payloadHash: string;
}

/**
 * The payload hash of a stored event with amended data, so that the amended event sent again
 * is a duplicate and the superseded one a conflict. The hash covers the event's own time only
 * when it sent one, which the store does not keep apart: the current hash tells which.
 */
export function amendedPayloadHash(stored: StoredPayload, data: unknown): string {
  const subject = stored.subject === '' ? undefined : stored.subject;
  const sentTime =
    payloadHash({ type: stored.type, subject, time: stored.time, data: stored.data }) ===
    stored.payloadHash;
  return payloadHash({
    type: stored.type,
    subject,
    time: sentTime ? stored.time : undefined,
    data,
  });
}
