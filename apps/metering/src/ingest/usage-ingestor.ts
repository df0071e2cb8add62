import {
  repeatedEventKind,
  usageEventVerdict,
  type AcceptedUsageEvent,
  type RejectedUsageEvent,
} from '@tenantry/metering-core';
import { queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { IngestResult } from './ingest-answer';
import { loadMeterCatalog } from '../meters/meter-catalog';
import { loadTenantSettings } from '../tenant-settings/tenant-settings';
import { applyBucketDelta, BucketDelta } from './usage-buckets';
import type { UsageChange, UsageObservers } from './usage-observer';

/** What became of one submitted event. */
/** An accepted event and its place in the submission. */
interface AcceptableEvent extends AcceptedUsageEvent {
  index: number;
}

const eventIdentityRow = z.object({ source: z.string(), event_id: z.string() });

/**
 * Records a tenant's usage events inside the caller's transaction: validates each, stores the
 * raw event under its permanent (tenant, source, id) key — the exact dedupe —, adds the
 * first arrivals to their meters' minute buckets and tells the observers. Results come back
 * in submission order; nothing is written for a rejected event but the ingestion count.
 */
export class UsageIngestor {
  constructor(private readonly observers: UsageObservers) {}

  async ingest(
    manager: EntityManager,
    tenantId: string,
    submitted: unknown[],
    receivedAt: Date,
  ): Promise<IngestResult[]> {
    const settings = await loadTenantSettings(manager);
    const meters = await loadMeterCatalog(manager);
    const results: IngestResult[] = new Array(submitted.length);
    const acceptable: AcceptableEvent[] = [];
    submitted.forEach((raw, index) => {
      const verdict = usageEventVerdict(raw, receivedAt, settings, meters);
      if (verdict.kind === 'rejected') results[index] = rejection(verdict);
      else acceptable.push({ ...verdict, index });
    });

    const firstArrivals = await this.storeRawEvents(
      manager,
      tenantId,
      acceptable,
      receivedAt,
      results,
    );
    const delta = new BucketDelta();
    for (const arrival of firstArrivals) {
      for (const { measurement, meter } of arrival.measurements) {
        delta.add(measurement, meter.version, meter.meter.aggregation === 'UNIQUE_COUNT', {
          time: arrival.time,
          source: arrival.event.source,
          id: arrival.event.id,
        });
      }
    }
    await applyBucketDelta(manager, tenantId, delta);
    await recordIngestStats(manager, tenantId, results, firstArrivals, receivedAt);
    const change: UsageChange = {
      tenantId,
      buckets: delta.keys().map(({ meterKey, bucketStart }) => ({ meterKey, bucketStart })),
      lateEvents: firstArrivals
        .filter((arrival) => arrival.late)
        .map((arrival) => ({
          source: arrival.event.source,
          id: arrival.event.id,
          time: arrival.time,
        })),
    };
    await this.observers.notify(manager, change);
    return results;
  }

  /** Inserts raw events; returns those stored now, and answers the others as duplicate or conflict. */
  private async storeRawEvents(
    manager: EntityManager,
    tenantId: string,
    events: AcceptableEvent[],
    receivedAt: Date,
    results: IngestResult[],
  ): Promise<AcceptableEvent[]> {
    if (events.length === 0) return [];
    // One JSON document instead of an array per column: pg escapes array elements (the data
    // twice, as JSON inside an array literal) in JavaScript, JSON.stringify is native.
    const rows = events.map(({ event, time, hash }) => ({
      source: event.source,
      id: event.id,
      type: event.type,
      subject: event.subject ?? '',
      time,
      data: event.data,
      hash,
    }));
    const inserted = await queryRows(
      manager,
      eventIdentityRow,
      `INSERT INTO metering.events (tenant_id, source, event_id, type, subject, time, data, payload_hash, received_at)
       SELECT $1, source, id, type, subject, time, data, hash, $3
         FROM jsonb_to_recordset($2::jsonb)
           AS e(source text, id text, type text, subject text, time timestamptz, data jsonb, hash text)
       ON CONFLICT DO NOTHING
       RETURNING source, event_id`,
      [tenantId, JSON.stringify(rows), receivedAt],
    );
    const fresh = new Set(inserted.map((row) => identity(row.source, row.event_id)));
    const firstArrivals: AcceptableEvent[] = [];
    const repeated: AcceptableEvent[] = [];
    for (const candidate of events) {
      // `delete` hands each inserted identity to its first occurrence in the submission only.
      if (fresh.delete(identity(candidate.event.source, candidate.event.id)))
        firstArrivals.push(candidate);
      else repeated.push(candidate);
    }
    for (const arrival of firstArrivals) {
      results[arrival.index] = {
        status: 'accepted',
        id: arrival.event.id,
        source: arrival.event.source,
        late: arrival.late,
      };
    }
    if (repeated.length > 0)
      await this.answerRepeats(manager, tenantId, repeated, receivedAt, results);
    return firstArrivals;
  }

  private async answerRepeats(
    manager: EntityManager,
    tenantId: string,
    repeated: AcceptableEvent[],
    receivedAt: Date,
    results: IngestResult[],
  ): Promise<void> {
    const stored = await queryRows(
      manager,
      eventIdentityRow.extend({ payload_hash: z.string() }),
      `SELECT source, event_id, payload_hash FROM metering.events
        WHERE (source, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [repeated.map(({ event }) => event.source), repeated.map(({ event }) => event.id)],
    );
    const storedHash = new Map(
      stored.map((row) => [identity(row.source, row.event_id), row.payload_hash]),
    );
    const conflicts: AcceptableEvent[] = [];
    for (const candidate of repeated) {
      const { source, id } = candidate.event;
      const kind = repeatedEventKind(storedHash.get(identity(source, id))!, candidate.hash);
      if (kind === 'duplicate') {
        results[candidate.index] = { status: 'duplicate', id, source };
      } else {
        results[candidate.index] = {
          status: 'conflict',
          id,
          source,
          reason:
            'an event with this source and id was recorded earlier with a different payload; the first one stands',
        };
        conflicts.push(candidate);
      }
    }
    if (conflicts.length === 0) return;
    await manager.query(
      `INSERT INTO metering.event_conflicts (tenant_id, source, event_id, payload, payload_hash, received_at)
       SELECT $1, source, id, payload, hash, $6
         FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[]) AS c(source, id, payload, hash)`,
      [
        tenantId,
        conflicts.map(({ event }) => event.source),
        conflicts.map(({ event }) => event.id),
        conflicts.map(({ event }) => JSON.stringify(event)),
        conflicts.map(({ hash }) => hash),
        receivedAt,
      ],
    );
  }
}

function rejection({ reason, id, source }: RejectedUsageEvent): IngestResult {
  return {
    status: 'rejected',
    ...(id === undefined ? {} : { id }),
    ...(source === undefined ? {} : { source }),
    reason,
  };
}

async function recordIngestStats(
  manager: EntityManager,
  tenantId: string,
  results: IngestResult[],
  firstArrivals: AcceptableEvent[],
  receivedAt: Date,
): Promise<void> {
  const count = (status: IngestResult['status']) =>
    results.filter((result) => result.status === status).length;
  const lastEventTime = firstArrivals.reduce<Date | null>(
    (latest, { time }) => (!latest || time > latest ? time : latest),
    null,
  );
  await manager.query(
    `INSERT INTO metering.ingest_stats AS s (tenant_id, accepted, duplicate, conflict, rejected, late, last_event_time, last_received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id) DO UPDATE SET
       accepted = s.accepted + EXCLUDED.accepted,
       duplicate = s.duplicate + EXCLUDED.duplicate,
       conflict = s.conflict + EXCLUDED.conflict,
       rejected = s.rejected + EXCLUDED.rejected,
       late = s.late + EXCLUDED.late,
       last_event_time = GREATEST(s.last_event_time, EXCLUDED.last_event_time),
       last_received_at = GREATEST(s.last_received_at, EXCLUDED.last_received_at)`,
    [
      tenantId,
      count('accepted'),
      count('duplicate'),
      count('conflict'),
      count('rejected'),
      firstArrivals.filter((arrival) => arrival.late).length,
      lastEventTime,
      receivedAt,
    ],
  );
}

// Ids and sources hold no control characters (readUsageEvent), so U+001F joins them unambiguously.
function identity(source: string, id: string): string {
  return `${source}\u001f${id}`;
}
