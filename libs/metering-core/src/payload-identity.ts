import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units) and numbers and strings
 * written as JSON.stringify writes them: for parsed JSON this is RFC 8785 (JCS), so two
 * payloads that differ only in key order or whitespace give the same text. Properties whose
 * value is undefined are left out, as JSON.stringify does; values JSON cannot hold (NaN,
 * Infinity, bigint, functions) are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'toJSON' in value) {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}

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
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
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
