import { z } from 'zod';

/**
 * The body of `PUT /v1/meters/{key}`: the new definition (as for POST, the key may be left out)
 * and, optionally, when it takes effect (ISO 8601, a whole minute). The definition itself is
 * checked against the meter rules by the registry.
 */
export const meterChangeRequestSchema = z.looseObject({
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
});

/** The parsed body of `PUT /v1/meters/{key}`. */
export type MeterChangeRequest = z.output<typeof meterChangeRequestSchema>;
