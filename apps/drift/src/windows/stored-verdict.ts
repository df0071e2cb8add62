import { z } from 'zod';
import { windowVerdictSchema } from '../drift-core-schemas';

/**
 * What the closer stores instead of a verdict when judging a window fails on a domain error (a
 * state or reference that no longer fits the model): the window is closed without touching the
 * drift status, so that it does not hold back the windows after it.
 */
export const failedVerdictSchema = z.object({
  status: z.literal('error'),
  error: z.string().describe('why the window could not be judged'),
});

/** A window that could not be judged, and why. */
export type FailedVerdict = z.output<typeof failedVerdictSchema>;

/** The stored verdict of a closed window: the evaluation's, or why there is none. */
export const storedVerdictSchema = z.union([failedVerdictSchema, windowVerdictSchema]);

/** The stored verdict of a closed window. */
export type StoredVerdict = z.output<typeof storedVerdictSchema>;
