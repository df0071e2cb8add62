import { pageQuerySchema } from '@tenantry/problem-details';
import { driftDetected, driftRetrainRequested } from '@tenantry/schemas';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { bigintColumn, instantSchema } from '../row-columns';

/** `GET /v1/models/{key}/events`: which segment (all without one), how many, from where. */
export const transitionHistoryQuerySchema = z.strictObject({
  ...pageQuerySchema().shape,
  segment: z.string().max(300).optional().describe("'' or <field>=<value>; every segment without"),
});

/** Where a page of the event history starts: after this event. */
export const transitionPositionSchema = z.strictObject({
  // occurred_at as PostgreSQL prints it keeps the microseconds a JavaScript Date would lose.
  at: z.string().max(64),
  window: z.int(),
  id: z.string().max(400),
});

/** The position of an event in the history, for the cursor after it. */
export type TransitionPosition = z.output<typeof transitionPositionSchema>;

const transitionFields = {
  eventId: z.string().describe('the ce_id the event was sent with'),
  segment: z.string(),
  windowIndex: z.int(),
  occurredAt: instantSchema,
};

/** An event the service emitted for the model, with the data it carried. */
export const driftTransitionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['detected', 'resolved']),
    ...transitionFields,
    data: driftDetected.data,
  }),
  z.object({
    kind: z.literal('retrain-requested'),
    ...transitionFields,
    data: driftRetrainRequested.data,
  }),
]);

/** An event the service emitted for the model. */
export type DriftTransition = z.output<typeof driftTransitionSchema>;

const rowFields = {
  event_id: z.string(),
  segment: z.string(),
  window_index: bigintColumn,
  occurred_at: instantSchema,
  position: z.string(),
};

const transitionRow = z
  .discriminatedUnion('kind', [
    z.object({ ...rowFields, kind: z.enum(['detected', 'resolved']), data: driftDetected.data }),
    z.object({
      ...rowFields,
      kind: z.literal('retrain-requested'),
      data: driftRetrainRequested.data,
    }),
  ])
  .transform(({ event_id, window_index, occurred_at, position, ...rest }) => ({
    transition: { ...rest, eventId: event_id, windowIndex: window_index, occurredAt: occurred_at },
    position: { at: position, window: window_index, id: event_id },
  }));

/**
 * Up to `count` drift.detected, drift.resolved and drift.retrain-requested events of a model,
 * newest first (one closer run may judge several windows in one transaction: then by window,
 * latest first), those after `after` when given, each with its position.
 */
export function loadTransitionHistory(
  manager: EntityManager,
  modelKey: string,
  segment: string | undefined,
  after: TransitionPosition | undefined,
  count: number,
): Promise<Array<{ transition: DriftTransition; position: TransitionPosition }>> {
  return queryRows(
    manager,
    transitionRow,
    `SELECT event_id, kind, segment, window_index, occurred_at, occurred_at::text AS position, data
       FROM drift.transitions
      WHERE model_key = $1 AND ($2::text IS NULL OR segment = $2)
        AND ($3::timestamptz IS NULL
             OR (occurred_at, window_index, event_id) < ($3::timestamptz, $4::bigint, $5::text))
      ORDER BY occurred_at DESC, window_index DESC, event_id DESC
      LIMIT $6`,
    [modelKey, segment ?? null, after?.at ?? null, after?.window ?? null, after?.id ?? null, count],
  );
}
