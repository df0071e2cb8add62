import { z } from 'zod';

const eventIdentity = { id: z.string(), source: z.string() };

/** What became of one submitted event. */
export const ingestResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('accepted'),
    ...eventIdentity,
    late: z.boolean().describe('it arrived after its minute was closed for the tenant'),
  }),
  z.object({ status: z.literal('duplicate'), ...eventIdentity }),
  z.object({ status: z.literal('conflict'), ...eventIdentity, reason: z.string() }),
  z.object({
    status: z.literal('rejected'),
    id: z.string().optional(),
    source: z.string().optional(),
    reason: z.string(),
  }),
]);

/** What became of one submitted event. */
export type IngestResult = z.output<typeof ingestResultSchema>;

/** The answer to a batch: one result per event, in order, and how many ended each way. */
export const batchIngestAnswerSchema = z.object({
  results: z.array(ingestResultSchema),
  accepted: z.int(),
  duplicate: z.int(),
  conflict: z.int(),
  rejected: z.int(),
});

export type BatchIngestAnswer = z.output<typeof batchIngestAnswerSchema>;

/** The result of a single event, or the answer to a batch. */
export const ingestAnswerSchema = z.union([ingestResultSchema, batchIngestAnswerSchema]);

/** How many results ended each way. */
export function tally(results: readonly IngestResult[]): Omit<BatchIngestAnswer, 'results'> {
  const counts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const { status } of results) counts[status]++;
  return counts;
}
