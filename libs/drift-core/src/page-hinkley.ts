import type { PageHinkleyState } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';

/** Page-Hinkley settings: changes of the mean below `delta` are ignored; `lambda` is the alarm threshold. */
export interface PageHinkleyOptions {
  delta: number;
  lambda: number;
}

/** The detector after one more value, and whether that value raised the alarm. */
export interface PageHinkleyStep {
  /** Null after an alarm: the next value starts a fresh detector. */
  state: PageHinkleyState | null;
  alarm: boolean;
}

/**
 * One step of the Page-Hinkley test for an increase of the mean (here: one window error per call).
 * With x̄_t the running mean of x_1..x_t, m_T = Σ_{t ≤ T} (x_t − x̄_t − δ) and M_T = min_{t ≤ T} m_t;
 * the alarm rises when m_T − M_T > λ. The running mean is taken at each step t, as every streaming
 * implementation does: with the final mean x̄_T the sum would be −Tδ whatever the data.
 *
 * This is river's `drift.PageHinkley` in mode "up" with alpha = 1 (no forgetting) and
 * min_instances = 1 (each value already summarises a whole window), and the same restart: river
 * resets on the update after a detection; here the state after an alarm is null.
 */
export function pageHinkley(
  state: PageHinkleyState | null,
  value: number,
  { delta, lambda }: PageHinkleyOptions,
): PageHinkleyStep {
  if (!Number.isFinite(value)) {
    throw new InvalidDriftInputError(`Page-Hinkley needs a finite value, got ${value}`);
  }
  if (!(delta >= 0) || !(lambda > 0)) {
    throw new InvalidDriftInputError(
      `Page-Hinkley needs delta ≥ 0 and lambda > 0, got ${delta} and ${lambda}`,
    );
  }
  const n = (state?.n ?? 0) + 1;
  const mean = (state?.mean ?? 0) + (value - (state?.mean ?? 0)) / n;
  const cumulative = (state?.cumulative ?? 0) + value - mean - delta;
  const minimum = Math.min(state?.minimum ?? Infinity, cumulative);
  if (cumulative - minimum > lambda) return { state: null, alarm: true };
  return { state: { n, mean, cumulative, minimum }, alarm: false };
}
