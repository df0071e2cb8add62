import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { DriftEventKind } from './drift-transition-events';
import { decodePageCursor, encodePageCursor } from '@tenantry/problem-details';

/** `GET /v1/models/{key}/events`: which segment (all without one), how many, from where. */
export const transitionHistoryQuerySchema = z.strictObject({
  segment: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(400).optional(),
});

/** The parameters of an event history request. */
export type TransitionHistoryQuery = z.output<typeof transitionHistoryQuerySchema>;

/** An event the service emitted for the model, with the data it carried. */
export interface DriftTransition {
  eventId: string;
  kind: DriftEventKind;
  segment: string;
  windowIndex: number;
  occurredAt: Date;
  data: unknown;
}

/** A page of the event history, newest first; `nextCursor` fetches the next one. */
export interface TransitionHistoryPage {
  events: DriftTransition[];
  nextCursor: string | null;
}

// occurred_at as PostgreSQL prints it keeps the microseconds a JavaScript Date would lose.
const cursorSchema = z.strictObject({
  at: z.string().max(64),
  window: z.int(),
  id: z.string().max(400),
});

/**
 * The drift.detected, drift.resolved and drift.retrain-requested events of a model, newest first
 * (one closer run may judge several windows in one transaction: then by window, latest first).
 */
export async function loadTransitionHistory(
  manager: EntityManager,
  modelKey: string,
  query: TransitionHistoryQuery,
): Promise<TransitionHistoryPage> {
  const after = query.cursor === undefined ? null : decodePageCursor(cursorSchema, query.cursor);
  const rows = (await manager.query(
    `SELECT event_id, kind, segment, window_index, occurred_at, occurred_at::text AS position, data
       FROM drift.transitions
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2)
        AND ($3::timestamptz IS NULL
             OR (occurred_at, window_index, event_id) < ($3::timestamptz, $4::bigint, $5::text))
      ORDER BY occurred_at DESC, window_index DESC, event_id DESC
      LIMIT $6`,
    [
      modelKey,
      query.segment ?? null,
      after?.at ?? null,
      after?.window ?? null,
      after?.id ?? null,
      query.limit + 1,
    ],
  )) as TransitionRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({
      eventId: row.event_id,
      kind: row.kind,
      segment: row.segment,
      windowIndex: Number(row.window_index),
      occurredAt: row.occurred_at,
      data: row.data,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodePageCursor({
            at: last.position,
            window: Number(last.window_index),
            id: last.event_id,
          })
        : null,
  };
}

interface TransitionRow {
  event_id: string;
  kind: DriftEventKind;
  segment: string;
  window_index: string;
  occurred_at: Date;
  position: string;
  data: unknown;
}
