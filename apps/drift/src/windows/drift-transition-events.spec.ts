import {
  driftPolicySchema,
  initialDriftStatus,
  type ColumnVerdict,
  type WindowVerdict,
} from '@tenantry/drift-core';
import { driftDetected, driftResolved, driftRetrainRequested } from '@tenantry/schemas';
import { driftTransitionEvents, type FirstJudgement } from './drift-transition-events';

const policy = driftPolicySchema.parse({ retrainCooldownSeconds: 3600 });

const age: ColumnVerdict = {
  column: 'age',
  kind: 'numeric',
  statistic: 'ks',
  value: 1e-9,
  adjustedPValue: 1e-9,
  threshold: 0.05,
  effect: 0.4,
  status: 'drift',
  referenceCount: 1000,
  currentCount: 500,
  newCategories: [],
  approximate: false,
};

const verdict: WindowVerdict = {
  features: [age],
  prediction: null,
  performance: null,
  driftedShare: 1,
  datasetDrift: true,
  status: 'drift',
  severity: 'critical',
  topFeatures: [age],
};

function judgement(overrides: Partial<FirstJudgement> = {}): FirstJudgement {
  return {
    tenantId: 'acme',
    modelKey: 'churn',
    segment: 'region=eu',
    windowIndex: 42,
    windowStart: new Date('2026-01-05T02:00:00Z'),
    windowEnd: new Date('2026-01-05T03:00:00Z'),
    referenceVersion: 3,
    verdict,
    sinceBefore: null,
    step: {
      status: { ...initialDriftStatus(), state: 'drifting', since: '2026-01-05T03:00:00.000Z' },
      transition: 'detected',
      retrainRequested: true,
    },
    ...overrides,
  };
}

const now = new Date('2026-01-05T03:00:01Z');

describe('driftTransitionEvents', () => {
  it('announces a detection and a retrain request with ids of kind, tenant, model, segment and window', () => {
    const events = driftTransitionEvents(judgement(), policy, now);
    expect(events.map(({ kind, outgoing }) => [kind, outgoing.topic, outgoing.event.id])).toEqual([
      ['detected', 'drift.events.v1', 'drift.detected/acme/churn/region=eu/42'],
      [
        'retrain-requested',
        'drift.retrain-requested.v1',
        'drift.retrain-requested/acme/churn/region=eu/42',
      ],
    ]);
    const [detected, retrain] = events.map(({ outgoing }) => outgoing.event);
    expect(driftDetected.data.parse(detected!.data)).toEqual({
      tenantId: 'acme',
      modelKey: 'churn',
      segment: 'region=eu',
      windowStart: '2026-01-05T02:00:00.000Z',
      windowEnd: '2026-01-05T03:00:00.000Z',
      referenceVersion: 3,
      severity: 'critical',
      datasetDrift: true,
      driftedShare: 1,
      predictionDrift: false,
      performanceDrift: false,
      topFeatures: [{ column: 'age', statistic: 'ks', value: 1e-9, threshold: 0.05, effect: 0.4 }],
      driftingSince: '2026-01-05T03:00:00.000Z',
    });
    expect(driftRetrainRequested.data.parse(retrain!.data)).toMatchObject({
      cooldownUntil: '2026-01-05T04:00:00.000Z',
    });
    expect(detected).toMatchObject({
      type: 'drift.detected',
      tenantid: 'acme',
      time: now.toISOString(),
    });
  });

  it('says since when a resolved drift had lasted', () => {
    const [resolved] = driftTransitionEvents(
      judgement({
        verdict: { ...verdict, status: 'no_drift', severity: null, topFeatures: [] },
        sinceBefore: '2026-01-04T23:00:00.000Z',
        step: { status: initialDriftStatus(), transition: 'resolved', retrainRequested: false },
      }),
      policy,
      now,
    );
    expect(resolved!.outgoing.event.type).toBe(driftResolved.type);
    expect(resolved!.outgoing.event.data).toMatchObject({
      severity: null,
      driftingSince: '2026-01-04T23:00:00.000Z',
    });
  });

  it('emits nothing for a window that moves no state', () => {
    expect(
      driftTransitionEvents(
        judgement({
          step: { status: initialDriftStatus(), transition: null, retrainRequested: false },
        }),
        policy,
        now,
      ),
    ).toEqual([]);
  });

  it('keeps event ids valid when a segment value holds control characters', () => {
    const [detected] = driftTransitionEvents(judgement({ segment: 'city=a\nb' }), policy, now);
    expect(detected!.outgoing.event.id).toBe('drift.detected/acme/churn/city=a\\u{a}b/42');
    expect(detected!.outgoing.event.data).toMatchObject({ segment: 'city=a\nb' });
  });

  it('leaves the segment out of the ids of a whole-model window', () => {
    const [detected] = driftTransitionEvents(judgement({ segment: '' }), policy, now);
    expect(detected!.outgoing.event.id).toBe('drift.detected/acme/churn/42');
  });
});
