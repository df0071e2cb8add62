/** How often and how patiently to retry work that failed for a transient reason. */
export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

/** The delay before try `attempt + 1`: exponential with full jitter, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/** Thrown by `retryWithBackoff` when the work failed on every try; `cause` is the last error. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`failed after ${attempts} attempt(s): ${errorMessage(cause)}`);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Runs `work` until it succeeds, retrying with backoff while `isTransient(error)` holds.
 * A permanent error is rethrown at once; an exhausted retry throws RetriesExhaustedError.
 */
export async function retryWithBackoff<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  isTransient: (error: unknown) => boolean,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= policy.attempts) throw new RetriesExhaustedError(attempt, error);
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
