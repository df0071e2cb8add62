import type { EntityManager } from 'typeorm';

/** How a tenant's events fared since it started sending them. */
export interface IngestionStatus {
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Accepted events that arrived late (they are among `accepted`). */
  late: number;
  /** ISO 8601 UTC: the latest event time accepted; null before the first. */
  lastEventTime: string | null;
  /** ISO 8601 UTC: when events last arrived; null before the first. */
  lastReceivedAt: string | null;
}

/** One event that repeated a recorded (source, id) with a different payload: the first one stands. */
export interface EventConflict {
  /** Increasing; pass as `before` for the next page. */
  id: number;
  source: string;
  eventId: string;
  receivedAt: string;
  /** The refused event as it was sent. */
  payload: unknown;
  /** The event that stands, as recorded (null if it was since removed). */
  recorded: { type: string; subject: string; time: string; data: unknown } | null;
}

/** The ingestion counts of the transaction's tenant. */
export async function loadIngestionStatus(manager: EntityManager): Promise<IngestionStatus> {
  const [row] = (await manager.query(
    `SELECT accepted, duplicate, conflict, rejected, late, last_event_time, last_received_at
       FROM metering.ingest_stats`,
  )) as Array<{
    accepted: string;
    duplicate: string;
    conflict: string;
    rejected: string;
    late: string;
    last_event_time: Date | null;
    last_received_at: Date | null;
  }>;
  return {
    accepted: Number(row?.accepted ?? 0),
    duplicate: Number(row?.duplicate ?? 0),
    conflict: Number(row?.conflict ?? 0),
    rejected: Number(row?.rejected ?? 0),
    late: Number(row?.late ?? 0),
    lastEventTime: row?.last_event_time?.toISOString() ?? null,
    lastReceivedAt: row?.last_received_at?.toISOString() ?? null,
  };
}

/** The transaction tenant's conflicts, newest first, `limit` of them with an id below `before`. */
export async function loadEventConflicts(
  manager: EntityManager,
  limit: number,
  before?: number,
): Promise<EventConflict[]> {
  const rows = (await manager.query(
    `SELECT c.id, c.source, c.event_id, c.received_at, c.payload,
            e.type, e.subject, e.time, e.data, e.event_id IS NOT NULL AS recorded
       FROM metering.event_conflicts c
       LEFT JOIN metering.events e ON e.source = c.source AND e.event_id = c.event_id
      WHERE $2::bigint IS NULL OR c.id < $2
      ORDER BY c.id DESC
      LIMIT $1`,
    [limit, before ?? null],
  )) as Array<{
    id: string;
    source: string;
    event_id: string;
    received_at: Date;
    payload: unknown;
    type: string;
    subject: string;
    time: Date;
    data: unknown;
    recorded: boolean;
  }>;
  return rows.map((row) => ({
    id: Number(row.id),
    source: row.source,
    eventId: row.event_id,
    receivedAt: row.received_at.toISOString(),
    payload: row.payload,
    recorded: row.recorded
      ? { type: row.type, subject: row.subject, time: row.time.toISOString(), data: row.data }
      : null,
  }));
}
