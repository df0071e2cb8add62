import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A raw event as a correction record shows it, before or after the correction. */
export const correctedEventStateSchema = z.object({
  type: z.string(),
  subject: z.string().nullable(),
  time: z.iso.datetime(),
  data: z.unknown(),
  revision: z.number().int(),
});

/** One entry of an event's audit trail: who corrected it, when, why, and what it was before and after. */
export const correctionRecordSchema = z.object({
  id: z.string().describe('increasing per tenant'),
  eventId: z.string(),
  source: z.string(),
  action: z.enum(['void', 'amend']),
  actor: z.string(),
  reason: z.string(),
  before: correctedEventStateSchema,
  after: correctedEventStateSchema
    .nullable()
    .describe('the event after an amend; null after a void'),
  createdAt: z.iso.datetime(),
});

/** One entry of an event's audit trail as the API shows it. */
export type CorrectionRecord = z.output<typeof correctionRecordSchema>;

/** A raw event as a correction record shows it. */
export type CorrectedEventState = z.output<typeof correctedEventStateSchema>;

/** The columns of a metering.corrections row that make its record. */
export const correctionColumns =
  'id::text AS id, event_id, source, action, actor, reason, before, after, created_at';

/** A metering.corrections row (selected as `correctionColumns`) as its record. */
export const correctionRow = z
  .object({
    id: z.string(),
    event_id: z.string(),
    source: z.string(),
    action: z.enum(['void', 'amend']),
    actor: z.string(),
    reason: z.string(),
    before: correctedEventStateSchema,
    after: correctedEventStateSchema.nullable(),
    created_at: z.date(),
  })
  .transform((row): CorrectionRecord => ({
    id: row.id,
    eventId: row.event_id,
    source: row.source,
    action: row.action,
    actor: row.actor,
    reason: row.reason,
    before: row.before,
    after: row.after,
    createdAt: row.created_at.toISOString(),
  }));

/** Whether the transaction tenant has a usage event with `eventId` (of `source`, when given). */
export async function usageEventExists(
  manager: EntityManager,
  eventId: string,
  source: string | undefined,
): Promise<boolean> {
  const found = await queryRow(
    manager,
    z.object({ found: z.literal(1) }),
    `SELECT 1 AS found FROM metering.events
      WHERE event_id = $1 AND ($2::text IS NULL OR source = $2) LIMIT 1`,
    [eventId, source ?? null],
  );
  return found !== undefined;
}

/**
 * Up to `count` corrections of the events with `eventId` (of `source`, when given), oldest
 * first, after the correction `afterId`.
 */
export function correctionTrailPage(
  manager: EntityManager,
  eventId: string,
  source: string | undefined,
  afterId: string | undefined,
  count: number,
): Promise<CorrectionRecord[]> {
  return queryRows(
    manager,
    correctionRow,
    `SELECT ${correctionColumns}
       FROM metering.corrections
      WHERE event_id = $1 AND ($2::text IS NULL OR source = $2) AND ($3::bigint IS NULL OR id > $3)
      ORDER BY id
      LIMIT $4`,
    [eventId, source ?? null, afterId ?? null, count],
  );
}
