/** The media type of every error answer (RFC 9457). */
export const problemJsonMediaType = 'application/problem+json';

/** The `type` of a problem that means no more than its HTTP status (RFC 9457 §4.2.1). */
export const plainProblemType = 'about:blank';

/** An error answer as RFC 9457 defines it, with Tenantry's extension members. */
export interface ProblemDetails {
  /** A URI naming the kind of problem: `about:blank` or `urn:tenantry:problem:<slug>`. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The request path that failed. */
  instance?: string;
  /** The correlation id of the request, to quote when reporting the problem. */
  correlationId?: string;
  [member: string]: unknown;
}

/** The `type` URI of a Tenantry problem: an identifier, not a page to fetch. */
export function problemTypeUri(slug: string): string {
  return `urn:tenantry:problem:${slug}`;
}
