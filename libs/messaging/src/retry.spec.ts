import fc from 'fast-check';
import { backoffDelay, RetriesExhaustedError, retryWithBackoff, type RetryPolicy } from './retry';

const policy: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 1000 };
const noSleep = async (): Promise<void> => undefined;

describe('retryWithBackoff', () => {
  it('retries a transient failure until the work succeeds', async () => {
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
        return 'done';
      },
      policy,
      () => true,
      noSleep,
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows a permanent failure at once', async () => {
    let calls = 0;
    const permanent = new Error('bad data');
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw permanent;
        },
        policy,
        () => false,
        noSleep,
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
  });

  it('gives up after the policy attempts with the last error as cause', async () => {
    const error = await retryWithBackoff(
      async (attempt) => {
        throw new Error(`try ${attempt}`);
      },
      policy,
      () => true,
      noSleep,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(4);
    expect(((error as RetriesExhaustedError).cause as Error).message).toBe('try 4');
  });
});

describe('backoffDelay', () => {
  it('stays within the exponential ceiling and the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(policy, attempt, () => r);
          const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
          return delay >= 0 && delay <= ceiling;
        },
      ),
    );
  });
});
