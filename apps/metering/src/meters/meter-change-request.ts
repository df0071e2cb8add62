import { meterDefinitionSchema } from '@tenantry/metering-core';
import { z } from 'zod';

const definition = meterDefinitionSchema.shape;

/**
 * The body of `PUT /v1/meters/{key}`: the new definition (as for POST, the key may be left out)
 * and, optionally, when it takes effect. The registry checks the definition against the meter
 * rules and the change against the current version.
 */
export const meterChangeRequestSchema = z.strictObject({
  ...definition,
  key: definition.key.optional().describe('the key of the meter, if given'),
  effectiveFrom: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'A whole minute, no earlier than the first whole minute after now + 5 minutes (the default) ' +
        'nor before the latest version.',
    ),
});

/** The parsed body of `PUT /v1/meters/{key}`. */
export type MeterChangeRequest = z.output<typeof meterChangeRequestSchema>;
