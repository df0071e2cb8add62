import fc from 'fast-check';
import type { DriftStatus, WindowVerdict } from './drift-types';
import { advanceDriftStatus, initialDriftStatus, movesHysteresis } from './drift-status';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { driftPolicySchema, type DriftPolicy } from './model-spec';

type Judgement = 'warning' | 'critical' | 'clean' | 'insufficient';

const HOUR = 3600 * 1000;
const start = Date.parse('2026-03-01T00:00:00Z');

function verdict(judgement: Judgement): WindowVerdict {
  const drift = judgement === 'warning' || judgement === 'critical';
  return {
    features: [],
    prediction: null,
    performance: null,
    driftedShare: null,
    datasetDrift: judgement === 'critical',
    status: drift ? 'drift' : judgement === 'clean' ? 'no_drift' : 'insufficient_data',
    severity: drift ? judgement : null,
    topFeatures: [],
  };
}

interface Step {
  before: DriftStatus;
  after: DriftStatus;
  transition: 'detected' | 'resolved' | null;
  retrainRequested: boolean;
  windowEnd: number;
}

/** Feeds hourly windows with the given judgements and records every step. */
function run(judgements: Judgement[], policy: DriftPolicy, from = initialDriftStatus()): Step[] {
  let status = from;
  return judgements.map((judgement, i) => {
    const windowEnd = start + (i + 1) * HOUR;
    const step = advanceDriftStatus(status, verdict(judgement), policy, new Date(windowEnd));
    const recorded = {
      before: status,
      after: step.status,
      transition: step.transition,
      retrainRequested: step.retrainRequested,
      windowEnd,
    };
    status = step.status;
    return recorded;
  });
}

const judgements = fc.array(
  fc.constantFrom<Judgement>('warning', 'critical', 'clean', 'insufficient'),
  { maxLength: 80 },
);
const policies = fc
  .record({
    detectAfter: fc.integer({ min: 1, max: 5 }),
    resolveAfter: fc.integer({ min: 1, max: 5 }),
    retrainCooldownSeconds: fc.constantFrom(0, 3600, 5 * 3600, 24 * 3600),
  })
  .map((settings) => driftPolicySchema.parse(settings));
const seed = 424_242;

describe('advanceDriftStatus', () => {
  const policy = driftPolicySchema.parse({ detectAfter: 2, resolveAfter: 3 });

  it('detects after detectAfter drifting windows in a row, then resolves after resolveAfter clean ones', () => {
    const steps = run(
      [
        'warning',
        'clean',
        'warning',
        'warning',
        'warning',
        'clean',
        'clean',
        'warning',
        'clean',
        'clean',
        'clean',
      ],
      policy,
    );
    expect(steps.map((step) => step.transition)).toEqual([
      null,
      null,
      null,
      'detected',
      null,
      null,
      null,
      null,
      null,
      null,
      'resolved',
    ]);
    expect(steps[3]!.after).toMatchObject({
      state: 'drifting',
      since: new Date(start + 4 * HOUR).toISOString(),
    });
    expect(steps[10]!.after).toMatchObject({ state: 'ok', since: null });
  });

  it('requests a retrain on critical drift while drifting, once per cooldown', () => {
    const daily = driftPolicySchema.parse({ detectAfter: 2, retrainCooldownSeconds: 5 * 3600 });
    const steps = run(
      [
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'critical',
        'warning',
      ],
      daily,
    );
    // The first critical window is not drifting yet; the second opens drift and requests; the next
    // request waits five hours.
    expect(steps.map((step) => step.retrainRequested)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(steps[1]!.after.lastRetrainRequestedAt).toBe(new Date(start + 2 * HOUR).toISOString());
    expect(steps[6]!.after.lastRetrainRequestedAt).toBe(new Date(start + 7 * HOUR).toISOString());
  });

  it('never requests a retrain for a warning or before drift is detected', () => {
    const steps = run(['critical', 'clean', 'warning', 'warning', 'warning'], policy);
    expect(steps.some((step) => step.retrainRequested)).toBe(false);
  });

  it('does not request a retrain for a window that ends before the last request', () => {
    const drifting: DriftStatus = {
      ...initialDriftStatus(),
      state: 'drifting',
      drifting: 4,
      lastRetrainRequestedAt: new Date(start + 10 * HOUR).toISOString(),
    };
    const late = advanceDriftStatus(drifting, verdict('critical'), policy, new Date(start));
    expect(late.retrainRequested).toBe(false);
  });

  it('refuses an invalid window end', () => {
    expect(() =>
      advanceDriftStatus(initialDriftStatus(), verdict('clean'), policy, new Date(Number.NaN)),
    ).toThrow(InvalidDriftInputError);
  });

  it('alternates detected and resolved, starting with detected', () => {
    fc.assert(
      fc.property(judgements, policies, (sequence, settings) => {
        const transitions = run(sequence, settings).flatMap((step) =>
          step.transition ? [step.transition] : [],
        );
        transitions.forEach((transition, i) =>
          expect(transition).toBe(i % 2 === 0 ? 'detected' : 'resolved'),
        );
      }),
      { seed },
    );
  });

  it('always detects within a run of detectAfter drifting windows from ok, exactly once', () => {
    fc.assert(
      fc.property(
        judgements,
        policies,
        fc.constantFrom<Judgement>('warning', 'critical'),
        (prefix, settings, drift) => {
          const before = run(prefix, settings);
          const status = before.at(-1)?.after ?? initialDriftStatus();
          fc.pre(status.state === 'ok');
          const steps = run(Array<Judgement>(settings.detectAfter).fill(drift), settings, status);
          expect(steps.filter((step) => step.transition === 'detected')).toHaveLength(1);
          expect(steps.at(-1)!.after.state).toBe('drifting');
        },
      ),
      { seed },
    );
  });

  it('leaves the status untouched on a window without enough data', () => {
    fc.assert(
      fc.property(judgements, policies, (prefix, settings) => {
        const status = run(prefix, settings).at(-1)?.after ?? initialDriftStatus();
        const step = advanceDriftStatus(
          status,
          verdict('insufficient'),
          settings,
          new Date(start + 1000 * HOUR),
        );
        expect(step).toEqual({ status, transition: null, retrainRequested: false });
      }),
      { seed },
    );
  });

  it('spaces retrain requests by at least the cooldown and only while drifting', () => {
    fc.assert(
      fc.property(judgements, policies, (sequence, settings) => {
        const requests = run(sequence, settings).filter((step) => step.retrainRequested);
        requests.forEach((step, i) => {
          expect(step.after.state).toBe('drifting');
          if (i > 0)
            expect(step.windowEnd - requests[i - 1]!.windowEnd).toBeGreaterThanOrEqual(
              settings.retrainCooldownSeconds * 1000,
            );
        });
      }),
      { seed },
    );
  });
});

describe('movesHysteresis', () => {
  it('moves on the first judgement of a window newer than the last one that moved it', () => {
    expect(movesHysteresis({ windowIndex: 0, firstJudgement: true, lastWindow: -1 })).toBe(true);
    expect(movesHysteresis({ windowIndex: 7, firstJudgement: true, lastWindow: 5 })).toBe(true);
  });

  it('does not move on a revision of a window (late rows after its close)', () => {
    expect(movesHysteresis({ windowIndex: 7, firstJudgement: false, lastWindow: 5 })).toBe(false);
  });

  it('does not move on a window first judged after a newer or the same window', () => {
    expect(movesHysteresis({ windowIndex: 4, firstJudgement: true, lastWindow: 5 })).toBe(false);
    expect(movesHysteresis({ windowIndex: 5, firstJudgement: true, lastWindow: 5 })).toBe(false);
  });

  /** Judges windows in the given order (a repeat is a revision); the windows that moved the status. */
  const moved = (order: number[]): number[] => {
    let lastWindow = -1;
    const judged = new Set<number>();
    const moving: number[] = [];
    for (const windowIndex of order) {
      const firstJudgement = !judged.has(windowIndex);
      judged.add(windowIndex);
      if (movesHysteresis({ windowIndex, firstJudgement, lastWindow })) {
        moving.push(windowIndex);
        lastWindow = windowIndex;
      }
    }
    return moving;
  };

  it('moves the status once per window at most, in window order, however judgements arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), (order) => {
        const moving = moved(order);
        moving.forEach((index, i) => i > 0 && expect(index).toBeGreaterThan(moving[i - 1]!));
        if (order.length > 0) expect(moving).toContain(order[0]);
      }),
      { seed },
    );
  });

  it('moves the status on every window when windows are judged in order, revisions between', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { maxLength: 30 }), (revisions) => {
        const order = revisions.flatMap((count, index) => Array<number>(count + 1).fill(index));
        expect(moved(order)).toEqual(revisions.map((_, index) => index));
      }),
      { seed },
    );
  });
});
