import type { IncomingHttpHeaders } from 'node:http';

/** The media types of the CloudEvents HTTP binding's structured and batched content modes. */
export const cloudEventsHttpContentTypes = Object.freeze({
  structured: 'application/cloudevents+json',
  batch: 'application/cloudevents-batch+json',
} as const);

const attributePrefix = 'ce-';

/** The media type of a Content-Type header, without parameters, lowercase. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]!.trim().toLowerCase() || undefined;
}

/**
 * The event of a binary-mode HTTP request (CloudEvents HTTP binding): attributes from the
 * `ce-*` headers (percent-decoded), `datacontenttype` from Content-Type, the body as data. It
 * comes back in structured (JSON) form and unvalidated, for the receiver's own checks;
 * undefined when the request has no `ce-specversion` header (it is not in binary mode).
 */
export function binaryModeEvent(
  headers: IncomingHttpHeaders,
  body: unknown,
): Record<string, unknown> | undefined {
  if (headers[`${attributePrefix}specversion`] === undefined) return undefined;
  const event: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(attributePrefix) || value === undefined) continue;
    event[name.slice(attributePrefix.length)] = percentDecoded(
      Array.isArray(value) ? value.join(',') : value,
    );
  }
  const datacontenttype = mediaTypeOf(headers['content-type']);
  return { ...event, ...(datacontenttype ? { datacontenttype } : {}), data: body };
}

// Header values escape what HTTP cannot carry as %XX of UTF-8; anything else stays as sent.
function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
