import { z } from 'zod';

/**
 * What `PATCH /v1/models/{key}` may change: the description (null removes it) and policy fields,
 * merged into the stored policy and then checked with the model schema. Features, segments and
 * windows are the identity of the stored windows: changing them needs a new model key.
 */
export const modelChangeSchema = z.strictObject({
  description: z.string().max(1000).nullable().optional(),
  policy: z.record(z.string(), z.unknown()).optional(),
});

/** A validated PATCH body. */
export type ModelChange = z.output<typeof modelChangeSchema>;
