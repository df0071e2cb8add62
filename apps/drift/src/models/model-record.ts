import { modelSpecSchema, type StoredSegmentAdmission } from '@tenantry/drift-core';
import { z } from 'zod';
import { instantSchema } from '../row-columns';

/** Per segment field, the values that have windows of their own, in order of admission (admitSegmentValues). */
export const segmentValuesSchema: z.ZodType<StoredSegmentAdmission> = z.record(
  z.string(),
  z.array(z.string()),
);

/** A registered model as stored and as the API shows it. */
export const modelRecordSchema = z.object({
  key: z.string(),
  spec: modelSpecSchema,
  activeReference: z
    .int()
    .nullable()
    .describe('the reference version new windows are compared with; null until one is activated'),
  nextSequence: z
    .int()
    .describe(
      'rows received so far: the sequence number of the next row (count windows cut by it)',
    ),
  segmentValues: segmentValuesSchema.describe(
    'per segment field, the values with windows of their own, in order of admission',
  ),
  createdAt: instantSchema,
  createdBy: z.string(),
  updatedAt: instantSchema,
  updatedBy: z.string(),
});

/** A registered model. */
export type ModelRecord = z.output<typeof modelRecordSchema>;
