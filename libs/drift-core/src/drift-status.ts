import type { DriftStatus, WindowVerdict } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import type { DriftPolicy } from './model-spec';

/** What one window did to the drift status of a model and segment, and which events it calls for. */
export interface DriftStatusStep {
  status: DriftStatus;
  transition: 'detected' | 'resolved' | null;
  retrainRequested: boolean;
}

/** The status of a model and segment before its first window. */
export function initialDriftStatus(): DriftStatus {
  return {
    state: 'ok',
    drifting: 0,
    clean: 0,
    since: null,
    lastRetrainRequestedAt: null,
    pageHinkley: null,
  };
}

/** One judgement of a window of a model and segment, as the hysteresis sees it. */
export interface WindowJudgementOrder {
  /** The window's index in its model and segment. */
  windowIndex: number;
  /** Whether this is the window's first judgement (its close), not a revision after late rows. */
  firstJudgement: boolean;
  /** Index of the last window that moved the status of the model and segment; -1 before any. */
  lastWindow: number;
}

/**
 * Whether a judged window moves the hysteresis (advanceDriftStatus) and sends its events: only
 * its first judgement, and only when it is newer than the last window that moved the status. A
 * revision, or a window first judged after a newer one, updates its verdict alone: events
 * already sent stand. (A window whose evaluation fails has no verdict and never gets here.)
 */
export function movesHysteresis({
  windowIndex,
  firstJudgement,
  lastWindow,
}: WindowJudgementOrder): boolean {
  return firstJudgement && windowIndex > lastWindow;
}

/**
 * Hysteresis over window verdicts: drift is detected after `detectAfter` drifting windows in a row
 * and resolved after `resolveAfter` clean ones, so one noisy window neither opens nor closes it.
 * A window without enough data is no evidence either way and changes nothing. A retrain is requested
 * on critical drift while drifting, at most once per `retrainCooldownSeconds`. `pageHinkley` is
 * carried through untouched: it is the detector state evaluateWindow returns, stored by the caller.
 */
export function advanceDriftStatus(
  status: DriftStatus,
  verdict: WindowVerdict,
  policy: DriftPolicy,
  windowEnd: Date,
): DriftStatusStep {
  const endMillis = windowEnd.getTime();
  if (Number.isNaN(endMillis))
    throw new InvalidDriftInputError('the window end is not a valid date');
  if (verdict.status === 'insufficient_data') {
    return { status, transition: null, retrainRequested: false };
  }
  const next =
    verdict.status === 'drift'
      ? afterDriftWindow(status, policy, windowEnd)
      : afterCleanWindow(status, policy);
  const retrainRequested =
    verdict.severity === 'critical' &&
    next.status.state === 'drifting' &&
    cooledDown(status.lastRetrainRequestedAt, endMillis, policy.retrainCooldownSeconds);
  if (!retrainRequested) return { ...next, retrainRequested };
  return {
    status: { ...next.status, lastRetrainRequestedAt: windowEnd.toISOString() },
    transition: next.transition,
    retrainRequested,
  };
}

function afterDriftWindow(
  status: DriftStatus,
  policy: DriftPolicy,
  windowEnd: Date,
): Omit<DriftStatusStep, 'retrainRequested'> {
  const drifting = status.drifting + 1;
  if (status.state === 'ok' && drifting >= policy.detectAfter) {
    return {
      status: { ...status, state: 'drifting', drifting, clean: 0, since: windowEnd.toISOString() },
      transition: 'detected',
    };
  }
  return { status: { ...status, drifting, clean: 0 }, transition: null };
}

function afterCleanWindow(
  status: DriftStatus,
  policy: DriftPolicy,
): Omit<DriftStatusStep, 'retrainRequested'> {
  const clean = status.clean + 1;
  if (status.state === 'drifting' && clean >= policy.resolveAfter) {
    return {
      status: { ...status, state: 'ok', drifting: 0, clean, since: null },
      transition: 'resolved',
    };
  }
  return { status: { ...status, drifting: 0, clean }, transition: null };
}

// A window end before the last request (windows judged out of order) is within the cooldown too.
function cooledDown(
  lastRequestedAt: string | null,
  endMillis: number,
  cooldownSeconds: number,
): boolean {
  if (lastRequestedAt === null) return true;
  return endMillis - Date.parse(lastRequestedAt) >= cooldownSeconds * 1000;
}
