import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** How a tenant's events fared since it started sending them. */
export const ingestionStatusSchema = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  conflict: z.number().int(),
  rejected: z.number().int(),
  late: z.number().int().describe('accepted events that arrived late (they are among `accepted`)'),
  lastEventTime: z.iso
    .datetime()
    .nullable()
    .describe('the latest event time accepted; null before the first'),
  lastReceivedAt: z.iso
    .datetime()
    .nullable()
    .describe('when events last arrived; null before the first'),
});

/** How a tenant's events fared since it started sending them. */
export type IngestionStatus = z.output<typeof ingestionStatusSchema>;

/** One event that repeated a recorded (source, id) with a different payload: the first one stands. */
export const eventConflictSchema = z.object({
  id: z.number().int().describe('increasing'),
  source: z.string(),
  eventId: z.string(),
  receivedAt: z.iso.datetime(),
  payload: z.unknown().describe('the refused event as it was sent'),
  recorded: z
    .object({ type: z.string(), subject: z.string(), time: z.iso.datetime(), data: z.unknown() })
    .nullable()
    .describe('the event that stands, as recorded (null if it was since removed)'),
});

/** One refused conflicting event and the event that stands. */
export type EventConflict = z.output<typeof eventConflictSchema>;

const count = z.coerce.number().int();

const statsRow = z
  .object({
    accepted: count,
    duplicate: count,
    conflict: count,
    rejected: count,
    late: count,
    last_event_time: z.date().nullable(),
    last_received_at: z.date().nullable(),
  })
  .transform((row): IngestionStatus => ({
    accepted: row.accepted,
    duplicate: row.duplicate,
    conflict: row.conflict,
    rejected: row.rejected,
    late: row.late,
    lastEventTime: row.last_event_time?.toISOString() ?? null,
    lastReceivedAt: row.last_received_at?.toISOString() ?? null,
  }));

const conflictRow = z
  .object({
    id: count,
    source: z.string(),
    event_id: z.string(),
    received_at: z.date(),
    payload: z.unknown(),
    type: z.string().nullable(),
    subject: z.string().nullable(),
    time: z.date().nullable(),
    data: z.unknown(),
  })
  .transform((row): EventConflict => ({
    id: row.id,
    source: row.source,
    eventId: row.event_id,
    receivedAt: row.received_at.toISOString(),
    payload: row.payload,
    recorded:
      row.type === null || row.subject === null || row.time === null
        ? null
        : { type: row.type, subject: row.subject, time: row.time.toISOString(), data: row.data },
  }));

/** The ingestion counts of the transaction's tenant (zero before its first event). */
export async function loadIngestionStatus(manager: EntityManager): Promise<IngestionStatus> {
  const status = await queryRow(
    manager,
    statsRow,
    `SELECT accepted, duplicate, conflict, rejected, late, last_event_time, last_received_at
       FROM metering.ingest_stats`,
  );
  return (
    status ?? {
      accepted: 0,
      duplicate: 0,
      conflict: 0,
      rejected: 0,
      late: 0,
      lastEventTime: null,
      lastReceivedAt: null,
    }
  );
}

/** Up to `count` of the transaction tenant's conflicts with an id below `beforeId`, newest first. */
export function eventConflictPage(
  manager: EntityManager,
  beforeId: number | undefined,
  limit: number,
): Promise<EventConflict[]> {
  return queryRows(
    manager,
    conflictRow,
    `SELECT c.id, c.source, c.event_id, c.received_at, c.payload, e.type, e.subject, e.time, e.data
       FROM metering.event_conflicts c
       LEFT JOIN metering.events e ON e.source = c.source AND e.event_id = c.event_id
      WHERE $2::bigint IS NULL OR c.id < $2
      ORDER BY c.id DESC
      LIMIT $1`,
    [limit, beforeId ?? null],
  );
}
