import { z } from 'zod';
import { columnHistogramSchema, columnVerdictSchema } from '../drift-core-schemas';

const comparedModelSchema = z.object({
  modelKey: z.string(),
  rows: z.int().describe('rows of the model received in the range'),
});

/** The challenger's predictions judged against the champion's over the same time range. */
export const comparisonResultSchema = z.object({
  champion: comparedModelSchema,
  challenger: comparedModelSchema,
  from: z.string(),
  to: z.string(),
  status: z
    .enum(['drift', 'no_drift', 'insufficient_data'])
    .describe("drift when the challenger's outputs are distributed differently"),
  prediction: columnVerdictSchema.describe('how the prediction column was judged'),
  histogram: columnHistogramSchema,
});

/** A champion/challenger comparison. */
export type ComparisonResult = z.output<typeof comparisonResultSchema>;
