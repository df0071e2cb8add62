import { Injectable } from '@nestjs/common';
import { defaultRetryPolicy, isTransientError, retryWithBackoff } from '@tenantry/messaging';
import {
  amendmentVerdict,
  eventMeasurements,
  type MeterCatalog,
  type MeterMeasurement,
  type RecordedUsageEvent,
} from '@tenantry/metering-core';
import { inTenantTransaction, queryRow, queryRows } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { BucketKey } from '../ingest/usage-buckets';
import { UsageObservers } from '../ingest/usage-observer';
import { loadMeterCatalog } from '../meters/meter-catalog';
import { amendedPayloadHash } from './amended-payload-hash';
import { recomputeBuckets } from './bucket-recomputation';
import { correctionTarget } from './correction-target';
import {
  correctionColumns,
  correctionRow,
  type CorrectedEventState,
  type CorrectionRecord,
} from './correction-trail';
import { UsageEventRejectedError } from '../ingest/usage-event-rejected.error';
import { UsageEventUnchangedError } from './usage-event-unchanged.error';

/** What a correction does: take an event out of usage, or replace its data. */
export type CorrectionRequest =
  | { action: 'void'; source?: string | undefined; reason: string }
  | { action: 'amend'; source?: string | undefined; data: Record<string, unknown>; reason: string };

const storedEventRow = z
  .object({
    source: z.string(),
    event_id: z.string(),
    type: z.string(),
    subject: z.string(),
    time: z.date(),
    data: z.record(z.string(), z.unknown()),
    payload_hash: z.string(),
    voided_at: z.date().nullable(),
    revision: z.number().int(),
  })
  .transform(({ event_id, payload_hash, voided_at, ...row }) => ({
    ...row,
    eventId: event_id,
    payloadHash: payload_hash,
    voidedAt: voided_at,
  }));

/** A raw usage event as stored, to correct. */
type StoredEvent = z.output<typeof storedEventRow>;

/**
 * Voids and amends recorded usage events with an audit trail. One transaction locks the raw
 * event, records the correction (actor, reason, before, after), changes the raw event, rebuilds
 * every bucket it counted in or now counts in from the raw events, and tells the usage
 * observers (quotas, invoice adjustments) which buckets moved.
 */
@Injectable()
export class UsageCorrector {
  constructor(
    private readonly dataSource: DataSource,
    private readonly observers: UsageObservers,
  ) {}

  correct(eventId: string, request: CorrectionRequest, actor: string): Promise<CorrectionRecord> {
    // Concurrent writers of the same buckets can deadlock; the whole transaction is retried.
    return retryWithBackoff(
      () =>
        inTenantTransaction(this.dataSource, (manager, tenantId) =>
          this.correctIn(manager, tenantId, eventId, request, actor),
        ),
      defaultRetryPolicy,
      isTransientError,
    );
  }

  private async correctIn(
    manager: EntityManager,
    tenantId: string,
    eventId: string,
    request: CorrectionRequest,
    actor: string,
  ): Promise<CorrectionRecord> {
    // The catalog's shared lock first, in the order ingestion takes it, then the raw event.
    const meters = await loadMeterCatalog(manager);
    const stored = correctionTarget(
      await this.eventsWithId(manager, eventId, request.source, true),
      eventId,
      request.source,
    );
    const before = stateOf(stored, stored.data, stored.revision);
    // A meter that cannot measure the stored data (one defined later) never counted it.
    const counted = eventMeasurements(meters, recordedEvent(stored)).measurements.map(bucketOf);

    let after: CorrectedEventState | null = null;
    let recounted: BucketKey[] = [];
    if (request.action === 'void') {
      await manager.query(
        `UPDATE metering.events SET voided_at = now(), revision = revision + 1
          WHERE source = $1 AND event_id = $2`,
        [stored.source, stored.eventId],
      );
    } else {
      recounted = amendment(stored, request.data, meters).map(bucketOf);
      after = stateOf(stored, request.data, stored.revision + 1);
      await manager.query(
        `UPDATE metering.events SET data = $3, payload_hash = $4, revision = revision + 1
          WHERE source = $1 AND event_id = $2`,
        [
          stored.source,
          stored.eventId,
          JSON.stringify(request.data),
          amendedPayloadHash(stored, request.data),
        ],
      );
    }
    const record = await queryRow(
      manager,
      correctionRow,
      `INSERT INTO metering.corrections (tenant_id, source, event_id, action, actor, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${correctionColumns}`,
      [
        tenantId,
        stored.source,
        stored.eventId,
        request.action,
        actor,
        request.reason,
        JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      ],
    );

    const buckets = [...counted, ...recounted];
    await recomputeBuckets(manager, tenantId, stored.type, buckets, meters);
    const moved = new Map(
      buckets.map(({ meterKey, bucketStart }) => [
        JSON.stringify([meterKey, bucketStart.getTime()]),
        { meterKey, bucketStart },
      ]),
    );
    await this.observers.notify(manager, {
      tenantId,
      buckets: [...moved.values()],
      lateEvents: [],
    });
    return record!;
  }

  private async eventsWithId(
    manager: EntityManager,
    eventId: string,
    source: string | undefined,
    lock: boolean,
  ): Promise<StoredEvent[]> {
    return queryRows(
      manager,
      storedEventRow,
      `SELECT source, event_id, type, subject, time, data, payload_hash, voided_at, revision
         FROM metering.events
        WHERE event_id = $1 AND ($2::text IS NULL OR source = $2)
        ORDER BY source ${lock ? 'FOR UPDATE' : ''}`,
      [eventId, source ?? null],
    );
  }
}

/**
 * The measurements of the event once amended to `data` (see amendmentVerdict): 422 when
 * ingestion would have rejected it, 409 when it changes nothing.
 */
function amendment(
  stored: StoredEvent,
  data: Record<string, unknown>,
  meters: MeterCatalog,
): MeterMeasurement[] {
  const verdict = amendmentVerdict(recordedEvent(stored), data, meters);
  if (verdict.kind === 'rejected') {
    throw new UsageEventRejectedError(`the amended event would be rejected: ${verdict.reason}`);
  }
  if (verdict.kind === 'unchanged') {
    throw new UsageEventUnchangedError(stored.eventId, stored.source);
  }
  return verdict.measurements;
}

/** The stored event as the rules see it: no subject where it is stored as ''. */
function recordedEvent(stored: StoredEvent): RecordedUsageEvent {
  return {
    id: stored.eventId,
    source: stored.source,
    type: stored.type,
    subject: stored.subject === '' ? undefined : stored.subject,
    time: stored.time,
    data: stored.data,
  };
}

function bucketOf({ measurement, meter }: MeterMeasurement): BucketKey {
  return {
    meterKey: measurement.meterKey,
    meterVersion: meter.version,
    bucketStart: measurement.bucketStart,
    subject: measurement.subject,
    groupKey: measurement.groupKey,
  };
}

function stateOf(event: StoredEvent, data: unknown, revision: number): CorrectedEventState {
  return {
    type: event.type,
    subject: event.subject === '' ? null : event.subject,
    time: event.time.toISOString(),
    data,
    revision,
  };
}
