import { cloudEventAttributesSchema, maxSampleRowsPerBatch } from '@tenantry/schemas';
import { z } from 'zod';

/** The body of `POST /v1/models/{key}/samples`; the batch id doubles as a CloudEvent id, so the same characters are allowed. */
export const sampleBatchRequestSchema = z.strictObject({
  batchId: cloudEventAttributesSchema.shape.id.max(200).optional(),
  rows: z.array(z.unknown()).min(1).max(maxSampleRowsPerBatch),
});

/** A validated sample batch request; rows are checked against the model afterwards. */
export type SampleBatchRequest = z.output<typeof sampleBatchRequestSchema>;
