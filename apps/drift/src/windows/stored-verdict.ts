import type { WindowVerdict } from '@tenantry/drift-core';

/**
 * What the closer stores instead of a verdict when judging a window fails on a domain error (a
 * state or reference that no longer fits the model): the window is closed without touching the
 * drift status, so that it does not hold back the windows after it.
 */
export interface FailedVerdict {
  status: 'error';
  /** Why the window could not be judged. */
  error: string;
}

/** The stored verdict of a closed window: the evaluation's, or why there is none. */
export type StoredVerdict = WindowVerdict | FailedVerdict;
