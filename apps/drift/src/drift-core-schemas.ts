import {
  statisticNames,
  type CategoricalReference,
  type ColumnHistogram,
  type ColumnStatistics,
  type ColumnVerdict,
  type PerformanceVerdict,
  type ReferenceProfile,
  type WindowVerdict,
} from '@tenantry/drift-core';
import { z } from 'zod';

// The zod schemas of the drift-core values the API answers with, for the OpenAPI document and for
// reading them back from jsonb columns. Each is typed as the drift-core type it describes, so a
// field that changes there fails to compile here.

const judgement = z.enum(['drift', 'no_drift', 'insufficient_data']);
const nullableNumber = z.number().nullable();

/** How one column of one window was judged. */
export const columnVerdictSchema: z.ZodType<ColumnVerdict> = z.object({
  column: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  statistic: z.enum(statisticNames),
  value: nullableNumber.describe('a p-value for ks/chi_square/z, else the distance'),
  adjustedPValue: nullableNumber.describe('after multiple-testing correction; null for distances'),
  threshold: z.number(),
  effect: nullableNumber.describe('KS D, the JS distance, |p1 - p2| or the distance itself'),
  status: judgement,
  referenceCount: z.int(),
  currentCount: z.int(),
  newCategories: z.array(z.string()).describe('categories the reference never saw'),
  approximate: z.boolean().describe('the statistic came from a sketch, not exact samples'),
});

/** The performance of a window against the reference's. */
export const performanceVerdictSchema: z.ZodType<PerformanceVerdict> = z.object({
  metric: z.enum(['accuracy', 'mae']),
  reference: z.number(),
  current: nullableNumber,
  labelled: z.int(),
  status: judgement,
  changeDetected: z.boolean().describe('Page-Hinkley alarm over the window errors'),
});

/** Everything decided about one closed window. */
export const windowVerdictSchema: z.ZodType<WindowVerdict> = z.object({
  features: z.array(columnVerdictSchema),
  prediction: columnVerdictSchema.nullable(),
  performance: performanceVerdictSchema.nullable(),
  driftedShare: nullableNumber,
  datasetDrift: z.boolean(),
  status: judgement,
  severity: z.enum(['warning', 'critical']).nullable(),
  topFeatures: z.array(columnVerdictSchema).describe('drifted columns by effect, at most five'),
});

const histogramBin = z.object({
  lower: nullableNumber.describe('null for -Infinity'),
  upper: nullableNumber.describe('null for Infinity'),
  referenceCount: z.int(),
  currentCount: z.int(),
  referenceShare: z.number(),
  currentShare: z.number(),
});

const categoryShare = z.object({
  category: z.string(),
  referenceCount: z.int(),
  currentCount: z.int(),
  referenceShare: z.number(),
  currentShare: z.number(),
  isNew: z.boolean(),
});

/** The reference and current distribution of one column, side by side. */
export const columnHistogramSchema: z.ZodType<ColumnHistogram> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), bins: z.array(histogramBin) }),
  z.object({ kind: z.literal('categorical'), categories: z.array(categoryShare) }),
]);

const testResult = z.object({ statistic: z.number(), pValue: z.number() });

/** Every statistic of one column of a window against its reference. */
export const columnStatisticsSchema: z.ZodType<ColumnStatistics> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('numeric'),
    referenceCount: z.int(),
    currentCount: z.int(),
    ks: testResult.extend({ method: z.enum(['exact', 'asymptotic']) }).nullable(),
    psi: nullableNumber,
    kl: nullableNumber,
    js: nullableNumber,
    wasserstein: nullableNumber,
    wassersteinNormed: nullableNumber,
    approximate: z.object({ ks: z.boolean(), wasserstein: z.boolean() }),
  }),
  z.object({
    kind: z.literal('categorical'),
    referenceCount: z.int(),
    currentCount: z.int(),
    categories: z.array(z.string()),
    newCategories: z.array(z.string()),
    psi: nullableNumber,
    kl: nullableNumber,
    js: nullableNumber,
    chiSquare: testResult.extend({ degreesOfFreedom: z.int() }).nullable(),
    z: testResult.nullable(),
  }),
]);

/** What a reference froze of a categorical column. */
export const categoricalReferenceSchema: z.ZodType<CategoricalReference> = z.object({
  kind: z.literal('categorical'),
  count: z.int(),
  missing: z.int(),
  counts: z.record(z.string(), z.int()),
});

/** The performance of a reference's labelled rows. */
export const referencePerformanceSchema: z.ZodType<ReferenceProfile['performance']> = z
  .object({ metric: z.enum(['accuracy', 'mae']), value: z.number(), labelled: z.int() })
  .nullable();
