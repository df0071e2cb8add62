import { z } from 'zod';

/** The answer to `POST /v1/models/{key}/samples`. */
export const sampleBatchReceiptSchema = z.object({
  batchId: z.string().describe('the request’s, or one the service chose'),
  accepted: z.int().describe('rows of the batch'),
  status: z
    .enum(['accepted', 'duplicate'])
    .describe('duplicate: the batch id was accepted before, and nothing changed'),
});

/** What became of a sample batch sent over HTTP. */
export type SampleBatchReceipt = z.output<typeof sampleBatchReceiptSchema>;
