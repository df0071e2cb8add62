import { z } from 'zod';
import { instantSchema } from '../row-columns';
import { referenceProfileViewSchema } from './reference-profile-view';
import { referenceSourceSchema } from './reference-source';

/** A stored reference without its profile. */
export const referenceSummarySchema = z.object({
  version: z.int().describe('counts up from 1 per model; never rewritten'),
  rows: z.int(),
  source: referenceSourceSchema,
  active: z.boolean().describe('new windows are compared with this version'),
  createdAt: instantSchema,
  createdBy: z.string(),
});

/** A stored reference without its profile. */
export type ReferenceSummary = z.output<typeof referenceSummarySchema>;

/** A stored reference with its profile (bins and counts; samples and sketches left out). */
export const referenceDetailSchema = referenceSummarySchema.extend({
  profile: referenceProfileViewSchema,
});

/** A stored reference with its profile. */
export type ReferenceDetail = z.output<typeof referenceDetailSchema>;
