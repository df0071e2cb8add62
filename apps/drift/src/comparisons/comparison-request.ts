import { rfc3339DateTimeSchema } from '@tenantry/schemas';
import { z } from 'zod';

/** `POST /v1/models/{key}/comparisons`: the challenger and the time range of both models' rows. */
export const comparisonRequestSchema = z
  .strictObject({
    challenger: z.string().min(1).max(64).meta({ description: 'key of the challenger model' }),
    from: rfc3339DateTimeSchema.meta({ description: 'rows from (inclusive), ISO 8601' }),
    to: rfc3339DateTimeSchema.meta({ description: 'rows until (exclusive), ISO 8601' }),
  })
  .refine(({ from, to }) => Date.parse(from) < Date.parse(to), {
    path: ['to'],
    message: 'must be after from',
  });

/** A champion/challenger comparison request. */
export type ComparisonRequest = z.output<typeof comparisonRequestSchema>;
