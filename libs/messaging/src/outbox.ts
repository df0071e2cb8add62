import { context, propagation } from '@opentelemetry/api';
import { toKafkaMessage, type CloudEvent } from '@tenantry/schemas';
import { contextAttributes, currentTenantContext } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import type { OutgoingEvent } from './outgoing-event';

/** The channel the relay listens on; an insert wakes it up at commit. */
export const outboxChannel = 'tenantry_outbox';

/**
 * Adds events (built with `outgoing`) to the transactional outbox inside the caller's
 * transaction, so they are published if and only if the state change commits. The current trace and tenant
 * context travel with each event.
 */
export async function enqueueEvents(
  manager: EntityManager,
  outgoing: OutgoingEvent[],
): Promise<void> {
  if (outgoing.length === 0) return;
  const trace: Record<string, string> = {};
  propagation.inject(context.active(), trace);
  const attributes = contextAttributes(currentTenantContext());

  const rows = outgoing.map(({ topic, event, key }) => {
    const message = toKafkaMessage(
      { ...attributes, ...trace, ...withoutUndefined(event) } as CloudEvent,
      key,
    );
    return {
      tenant: event.tenantid,
      topic,
      key: message.key,
      headers: JSON.stringify(message.headers),
      payload: message.value,
    };
  });
  await manager.query(
    `INSERT INTO messaging.outbox (tenant_id, topic, message_key, headers, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bytea[])`,
    [
      rows.map((row) => row.tenant),
      rows.map((row) => row.topic),
      rows.map((row) => row.key),
      rows.map((row) => row.headers),
      rows.map((row) => row.payload),
    ],
  );
  await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel]);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
