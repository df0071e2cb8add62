import { parseQueryParameters } from '@tenantry/problem-details';
import { windowSizeSchema, type WindowSize } from '@tenantry/metering-core';
import { rfc3339InstantSchema } from '@tenantry/schemas';
import { z } from 'zod';

/** What `GET /v1/meters/{key}/query` asks for, read from its query string. */
export interface UsageQueryRequest {
  from: Date;
  to: Date;
  /** Absent: one row per subject and group for the whole range [from, to). */
  windowSize?: WindowSize;
  /** Absent: the tenant's time zone. */
  windowTimeZone?: string;
  /** Only these subjects, when given. */
  subjects?: string[];
  /** 'subject' and the meter's group names, in the order asked. */
  groupBy: string[];
}

// A parameter given once arrives as a string, given several times as an array.
const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (typeof value === 'string' ? [value] : value));

const instant = rfc3339InstantSchema;

/** The query string of a usage query. */
export const usageQueryParametersSchema = z.strictObject({
  from: instant.describe('ISO 8601, a whole minute, inclusive'),
  to: instant.describe('ISO 8601, a whole minute, exclusive'),
  windowSize: windowSizeSchema
    .optional()
    .describe('without it: one row per subject/group for the whole range'),
  windowTimeZone: z
    .string()
    .min(1)
    .optional()
    .describe("IANA time zone of the windows; default the tenant's"),
  subject: repeatable.optional().describe('only these subjects (repeatable)'),
  groupBy: repeatable.optional().describe("'subject' or a group name of the meter (repeatable)"),
});

/** Reads the query string; a malformed one is a 400 problem listing each issue. */
export function readUsageQueryRequest(query: unknown): UsageQueryRequest {
  const { from, to, windowSize, windowTimeZone, subject, groupBy } = parseQueryParameters(
    usageQueryParametersSchema,
    query,
  );
  return {
    from,
    to,
    ...(windowSize === undefined ? {} : { windowSize }),
    ...(windowTimeZone === undefined ? {} : { windowTimeZone }),
    ...(subject === undefined ? {} : { subjects: subject }),
    groupBy: groupBy ?? [],
  };
}
