import type { z } from 'zod';

/**
 * Refinement option: run only when the value passed every check so far. zod runs an object's
 * refinement even when a field failed; one that reads the fields (as decimals, dates) would
 * then throw instead of adding an issue.
 */
export const whenValid = {
  when: (payload: z.core.ParsePayload): boolean => payload.issues.length === 0,
};
