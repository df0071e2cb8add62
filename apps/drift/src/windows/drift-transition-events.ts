import type {
  ColumnVerdict,
  DriftPolicy,
  DriftStatusStep,
  WindowVerdict,
} from '@tenantry/drift-core';
import { outgoing, type OutgoingEvent } from '@tenantry/messaging';
import {
  driftDetected,
  driftResolved,
  driftRetrainRequested,
  type DriftStatusChangedData,
  type EventContract,
} from '@tenantry/schemas';
import { driftEventSource } from '../drift-event-source';

/** What a drift event is, as drift.transitions records it. */
export type DriftEventKind = 'detected' | 'resolved' | 'retrain-requested';

/** An event a judged window calls for, with its kind for the history. */
export interface DriftTransitionEvent {
  kind: DriftEventKind;
  outgoing: OutgoingEvent;
}

/** A window judged for the first time, in order, and what it did to its model and segment. */
export interface FirstJudgement {
  tenantId: string;
  modelKey: string;
  segment: string;
  windowIndex: number;
  windowStart: Date;
  windowEnd: Date;
  referenceVersion: number;
  verdict: WindowVerdict;
  /** The status before the window, for the start of a drift that this window resolves. */
  sinceBefore: string | null;
  step: DriftStatusStep;
}

/**
 * The drift.events.v1 and drift.retrain-requested.v1 events of a first judgement: drift.detected
 * or drift.resolved on a transition, drift.retrain-requested when asked for. Their ids depend only
 * on the model, segment, window and kind, so a window can never announce the same thing twice.
 */
export function driftTransitionEvents(
  judgement: FirstJudgement,
  policy: DriftPolicy,
  now: Date,
): DriftTransitionEvent[] {
  const { step } = judgement;
  const events: DriftTransitionEvent[] = [];
  const fields = verdictFields(judgement);
  if (step.transition !== null) {
    const data: DriftStatusChangedData = {
      ...fields,
      driftingSince: step.transition === 'detected' ? step.status.since : judgement.sinceBefore,
    };
    const contract = step.transition === 'detected' ? driftDetected : driftResolved;
    events.push(event(judgement, step.transition, contract, data, now));
  }
  if (step.retrainRequested) {
    const cooldownUntil = new Date(
      judgement.windowEnd.getTime() + policy.retrainCooldownSeconds * 1000,
    );
    events.push(
      event(
        judgement,
        'retrain-requested',
        driftRetrainRequested,
        { ...fields, cooldownUntil: cooldownUntil.toISOString() },
        now,
      ),
    );
  }
  return events;
}

function event<T>(
  judgement: FirstJudgement,
  kind: DriftEventKind,
  contract: EventContract<T>,
  data: NoInfer<T>,
  now: Date,
): DriftTransitionEvent {
  // <type>/<tenant>/<model>[/<segment>]/<window index>: a segment always holds '=', so the
  // parts read back unambiguously.
  const id = [
    contract.type,
    judgement.tenantId,
    judgement.modelKey,
    ...(judgement.segment === '' ? [] : [printable(judgement.segment)]),
    judgement.windowIndex,
  ].join('/');
  return {
    kind,
    outgoing: outgoing(
      contract,
      data,
      { id, source: driftEventSource, tenantid: judgement.tenantId, subject: judgement.modelKey },
      () => now,
    ),
  };
}

function verdictFields(judgement: FirstJudgement): Omit<DriftStatusChangedData, 'driftingSince'> {
  const { verdict } = judgement;
  return {
    tenantId: judgement.tenantId,
    modelKey: judgement.modelKey,
    segment: judgement.segment,
    windowStart: judgement.windowStart.toISOString(),
    windowEnd: judgement.windowEnd.toISOString(),
    referenceVersion: judgement.referenceVersion,
    severity: verdict.severity,
    datasetDrift: verdict.datasetDrift,
    driftedShare: verdict.driftedShare,
    predictionDrift: verdict.prediction?.status === 'drift',
    performanceDrift: verdict.performance?.status === 'drift',
    topFeatures: verdict.topFeatures.flatMap(drivingColumn),
  };
}

// Drifted columns always have a value and an effect; the types allow null for undecided ones.
function drivingColumn(column: ColumnVerdict): DriftStatusChangedData['topFeatures'] {
  if (column.value === null || column.effect === null) return [];
  return [
    {
      column: column.column,
      statistic: column.statistic,
      value: column.value,
      threshold: column.threshold,
      effect: column.effect,
    },
  ];
}

// CloudEvents ids refuse control characters, lone surrogates and noncharacters; a segment value is
// tenant data and may hold them.
function printable(segment: string): string {
  return segment.replace(
    /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu,
    (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`,
  );
}
