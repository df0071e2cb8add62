import { z } from 'zod';

/** Sizes of the windows a usage query rolls minute buckets up into, on the tenant's local calendar. */
export const windowSizeSchema = z.enum(['MINUTE', 'HOUR', 'DAY', 'MONTH']);

/** The length of one usage window: a local minute, hour, day or calendar month. */
export type WindowSize = z.infer<typeof windowSizeSchema>;
