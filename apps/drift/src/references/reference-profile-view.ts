import type { ColumnReference, NumericReference, ReferenceProfile } from '@tenantry/drift-core';
import { z } from 'zod';
import { categoricalReferenceSchema, referencePerformanceSchema } from '../drift-core-schemas';
import { nullableUnion } from '../nullable-union';

/** A numeric column as the API shows it: the frozen bins and moments, without sketch or sample. */
const numericReferenceViewSchema: z.ZodType<Omit<NumericReference, 'sample' | 'sketch'>> = z.object(
  {
    kind: z.literal('numeric'),
    count: z.int(),
    missing: z.int(),
    innerEdges: z
      .array(z.number())
      .describe('inner quantile bin edges, ascending; the outer ones are -Infinity and Infinity'),
    binCounts: z.array(z.int()),
    mean: z.number(),
    std: z.number().describe('population standard deviation'),
    min: z.number(),
    max: z.number(),
  },
);

const columnReferenceViewSchema = z.union([numericReferenceViewSchema, categoricalReferenceSchema]);

/** A reference profile as `GET /v1/models/{key}/references/{version}` shows it. */
export const referenceProfileViewSchema = z.object({
  rows: z.int(),
  features: z.record(z.string(), columnReferenceViewSchema),
  prediction: nullableUnion(columnReferenceViewSchema),
  performance: referencePerformanceSchema,
});

/** A reference profile as the API shows it. */
export type ReferenceProfileView = z.output<typeof referenceProfileViewSchema>;

/** The profile without the exact sample and the sketch: the bins are what a reader compares with. */
export function referenceProfileView(profile: ReferenceProfile): ReferenceProfileView {
  return {
    ...profile,
    features: Object.fromEntries(
      Object.entries(profile.features).map(([name, column]) => [name, columnView(column)]),
    ),
    prediction: profile.prediction ? columnView(profile.prediction) : null,
  };
}

function columnView(column: ColumnReference): z.output<typeof columnReferenceViewSchema> {
  if (column.kind === 'categorical') return column;
  const { sample: _sample, sketch: _sketch, ...view } = column;
  return view;
}
