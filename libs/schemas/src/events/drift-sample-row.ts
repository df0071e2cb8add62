import { z } from 'zod';
import { rfc3339DateTimeSchema } from '../rfc3339';

/** A value of a sample row: numbers for numeric features, strings (or booleans) for categorical ones, null when missing. */
export type SampleValue = number | string | boolean | null;

/** One observation of a model: its inputs, and optionally its output and the true label. */
export interface SampleRow {
  /** Event time, ISO 8601 with an offset. */
  timestamp: string;
  features: Readonly<Record<string, SampleValue>>;
  prediction?: SampleValue;
  label?: SampleValue;
}

const sampleValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/**
 * One observation of a model as a tenant sends it: the rows of `drift.samples` events and of
 * POST /v1/models/{key}/samples. Whether a model can use the row is drift-core's `rowProblems`.
 */
export const sampleRowSchema = z.strictObject({
  timestamp: rfc3339DateTimeSchema.meta({
    description: 'when the model saw the row (event time), ISO 8601',
  }),
  features: z
    .record(z.string(), sampleValueSchema)
    .meta({ description: 'model inputs by name; null or absent when missing' }),
  prediction: sampleValueSchema.optional().meta({ description: "the model's output" }),
  label: sampleValueSchema.optional().meta({ description: 'the true outcome, when known' }),
}) satisfies z.ZodType<SampleRow>;
