/** Something a service needs before it takes traffic; `check` throws (or rejects) when it is not there. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  /** Releases what the check holds open (connections), when the application shuts down. */
  close?(): Promise<void>;
}

/** The outcome of one check: up, or down and why. */
export type CheckOutcome = { status: 'up' } | { status: 'down'; reason: string };

/** Whether a service may take traffic, with each check's outcome by name. */
export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckOutcome>;
}

/**
 * Runs every check at once; the service is ready only when each one passes within
 * `timeoutMs` (a dependency that hangs is as unready as one that refuses).
 */
export async function assessReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<ReadinessReport> {
  const outcomes = await Promise.all(
    checks.map(async (check): Promise<[string, CheckOutcome]> => [
      check.name,
      await outcomeOf(check, timeoutMs),
    ]),
  );
  return {
    status: outcomes.every(([, outcome]) => outcome.status === 'up') ? 'ready' : 'not_ready',
    checks: Object.fromEntries(outcomes),
  };
}

async function outcomeOf(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
