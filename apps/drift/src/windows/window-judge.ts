import { Injectable, Logger } from '@nestjs/common';
import {
  advanceDriftStatus,
  evaluateWindow,
  movesHysteresis,
  type DriftStatus,
  type WindowEvaluation,
} from '@tenantry/drift-core';
import { enqueueEvents } from '@tenantry/messaging';
import { DomainError } from '@tenantry/problem-details';
import type { EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import { ReferenceStore } from '../references/reference-store';
import type { StoredDriftStatus } from './drift-status-store';
import { driftTransitionEvents, type DriftTransitionEvent } from './drift-transition-events';
import type { DriftWindow } from './drift-window';
import type { StoredVerdict } from './stored-verdict';
import type { WindowJudgementRecord } from './window-metrics';

/** The status after a judged window, and what to record in the metrics once the transaction commits. */
export interface WindowJudgement {
  status: StoredDriftStatus;
  record: WindowJudgementRecord;
}

/**
 * Judges one due window of a model and segment whose status row the caller holds locked. The
 * verdict is always stored. A judgement that moves the hysteresis (see movesHysteresis) advances
 * the status, and its events go to the outbox and the history in the same transaction; any other
 * only updates the verdict: events already sent stand. A window whose evaluation fails
 * on a domain error is closed with that error as its verdict and leaves the status alone: judging
 * it again would fail again, and would hold back every later window of its model and segment.
 */
@Injectable()
export class WindowJudge {
  private readonly logger = new Logger(WindowJudge.name);

  constructor(private readonly references: ReferenceStore) {}

  async judge(
    manager: EntityManager,
    tenantId: string,
    model: ModelRecord,
    stored: StoredDriftStatus,
    window: DriftWindow,
  ): Promise<WindowJudgement> {
    const reference = await this.references.get(manager, model.key, window.referenceVersion);
    const now = new Date();
    let evaluation: WindowEvaluation;
    try {
      evaluation = evaluateWindow({
        model: model.spec,
        reference,
        state: window.state,
        pageHinkley: stored.status.pageHinkley,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(
        `window ${window.windowIndex} of ${tenantId}/${model.key} segment "${window.segment}" ` +
          `closed without a verdict: ${error.message}`,
      );
      const failed = { status: 'error', error: error.message } as const;
      const record = await storeVerdict(manager, model.key, window, failed, now);
      return { status: stored, record };
    }
    const { verdict, pageHinkley } = evaluation;
    const record = await storeVerdict(manager, model.key, window, verdict, now);
    const moves = movesHysteresis({
      windowIndex: window.windowIndex,
      firstJudgement: record.firstClose,
      lastWindow: stored.lastWindow,
    });
    if (!moves) return { status: stored, record };

    const before: DriftStatus = { ...stored.status, pageHinkley };
    const step = advanceDriftStatus(before, verdict, model.spec.policy, window.windowEnd);
    const events = driftTransitionEvents(
      {
        tenantId,
        modelKey: model.key,
        segment: window.segment,
        windowIndex: window.windowIndex,
        windowStart: window.windowStart,
        windowEnd: window.windowEnd,
        referenceVersion: window.referenceVersion,
        verdict,
        sinceBefore: stored.status.since,
        step,
      },
      model.spec.policy,
      now,
    );
    await enqueueEvents(
      manager,
      events.map(({ outgoing }) => outgoing),
    );
    await recordTransitions(manager, tenantId, model.key, window, events);
    return {
      status: { status: step.status, lastWindow: window.windowIndex },
      record: { ...record, events: events.map(({ kind }) => kind) },
    };
  }
}

/** Stores the verdict and closes the window; what the judgement adds to the metrics, events aside. */
async function storeVerdict(
  manager: EntityManager,
  modelKey: string,
  window: DriftWindow,
  verdict: StoredVerdict,
  now: Date,
): Promise<WindowJudgementRecord> {
  await manager.query(
    `UPDATE drift.windows
        SET verdict = $4, closed_at = COALESCE(closed_at, $5), due_at = NULL, updated_at = now()
      WHERE model_key = $1 AND segment = $2 AND window_index = $3`,
    [modelKey, window.segment, window.windowIndex, JSON.stringify(verdict), now],
  );
  const firstClose = window.closedAt === null;
  return {
    status: verdict.status,
    firstClose,
    latencySeconds: firstClose ? (now.getTime() - window.windowEnd.getTime()) / 1000 : null,
    events: [],
  };
}

async function recordTransitions(
  manager: EntityManager,
  tenantId: string,
  modelKey: string,
  window: DriftWindow,
  events: DriftTransitionEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO drift.transitions (tenant_id, event_id, model_key, segment, window_index, kind, data)
     SELECT $1, event_id, $2, $3, $4, kind, data
       FROM unnest($5::text[], $6::text[], $7::jsonb[]) AS e(event_id, kind, data)`,
    [
      tenantId,
      modelKey,
      window.segment,
      window.windowIndex,
      events.map(({ outgoing }) => outgoing.event.id),
      events.map(({ kind }) => kind),
      events.map(({ outgoing }) => JSON.stringify(outgoing.event.data)),
    ],
  );
}
