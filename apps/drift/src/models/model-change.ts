import { modelSpecSchema, type ModelSpec } from '@tenantry/drift-core';
import { z } from 'zod';

/**
 * What `PATCH /v1/models/{key}` may change: the description (null removes it) and policy fields,
 * merged into the stored policy and then checked with the model schema. Features, segments and
 * windows are the identity of the stored windows: changing them needs a new model key.
 */
export const modelChangeSchema = z.strictObject({
  description: z.string().max(1000).nullable().optional(),
  policy: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('policy fields to change; the others keep their values'),
});

/** A validated PATCH body. */
export type ModelChange = z.output<typeof modelChangeSchema>;

/** The spec with the change applied, checked like a new one (a ZodError, 422 with paths, when it does not hold). */
export function changedSpec(spec: ModelSpec, change: ModelChange): ModelSpec {
  const { description: stored, ...unchanged } = spec;
  const description = change.description === undefined ? stored : change.description;
  return modelSpecSchema.parse({
    ...unchanged,
    ...(description === null || description === undefined ? {} : { description }),
    policy: { ...spec.policy, ...change.policy },
  });
}
