import { z } from 'zod';

/** Where a reference's rows came from, as stored with it. */
export const referenceSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upload'),
    format: z.enum(['json', 'ndjson', 'csv']),
    rows: z.int(),
  }),
  z.object({
    kind: z.literal('samples'),
    from: z.string().describe('received samples from this instant (inclusive)'),
    to: z.string().describe('until this instant (exclusive)'),
    rows: z.int(),
  }),
]);

/** Where a reference's rows came from. */
export type ReferenceSource = z.output<typeof referenceSourceSchema>;
