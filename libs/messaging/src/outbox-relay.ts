import { outboxBacklog } from '@tenantry/observability';
import { tenantSweepSetting } from '@tenantry/tenant-context';
import type { Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import { endSpans, startPublishSpan } from './messaging-tracing';
import { outboxChannel } from './outbox';
import { idempotentProducer } from './kafka-client';
import { backoffDelay, type RetryPolicy } from './retry';

export interface OutboxRelayOptions {
  /** Names the relay in metrics and in its leader lock; one leader per name publishes. */
  name: string;
  kafka: Kafka;
  /** The service database; the relay keeps one session of its own for the lock and LISTEN. */
  databaseUrl: string;
  topicPrefix?: string;
  batchSize?: number;
  /** Longest sleep when idle; an outbox insert wakes the relay at once. */
  idleWaitMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface OutboxRow {
  id: string;
  tenant_id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: Buffer;
}

const reconnectPolicy: RetryPolicy = {
  attempts: Infinity,
  initialDelayMs: 250,
  maxDelayMs: 10_000,
};

/**
 * Publishes outbox rows to Kafka in insertion order with an idempotent producer, then
 * deletes them. Only the holder of a PostgreSQL advisory lock publishes, so several
 * instances never interleave. A crash between send and delete publishes a row again;
 * consumers drop the copy in their inbox (same `ce_id`).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private producer?: Producer;
  private session?: Client;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.idleWaitMs = options.idleWaitMs ?? 1000;
  }

  async start(): Promise<void> {
    this.producer = this.options.kafka.producer(idempotentProducer);
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the leader lock and disconnects. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect();
  }

  private async run(): Promise<void> {
    for (let failures = 0; this.running;) {
      try {
        await this.lead();
        failures = 0;
      } catch (error) {
        failures++;
        this.options.log?.(`outbox relay ${this.options.name} failed; retrying`, error);
        await this.sleep(backoffDelay(reconnectPolicy, failures));
      } finally {
        await this.session?.end().catch(() => undefined);
        this.session = undefined;
      }
    }
  }

  /** Waits to become the leader, then publishes until stopped. */
  private async lead(): Promise<void> {
    const session = new Client({ connectionString: this.options.databaseUrl });
    this.session = session;
    session.on('error', () => this.wake?.());
    await session.connect();
    const lockKey = `tenantry.outbox-relay.${this.options.name}`;
    while (this.running) {
      const { rows } = await session.query<{ leader: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS leader',
        [lockKey],
      );
      if (rows[0]?.leader) break;
      await this.sleep(this.idleWaitMs);
    }
    session.on('notification', () => this.wake?.());
    await session.query(`LISTEN ${outboxChannel}`);
    // This session reads every tenant's rows through the read-only tenant sweep policy.
    await session.query(`SELECT set_config($1, 'on', false)`, [tenantSweepSetting]);
    while (this.running) {
      const published = await this.publishBatch(session);
      if (published < this.batchSize) await this.sleep(this.idleWaitMs);
    }
  }

  private async publishBatch(session: Client): Promise<number> {
    const { rows } = await session.query<OutboxRow>(
      `SELECT id, tenant_id, topic, message_key, headers, payload FROM messaging.outbox
        ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    outboxBacklog.set(
      { relay: this.options.name },
      rows.length < this.batchSize ? 0 : await this.backlog(session),
    );
    if (rows.length === 0) return 0;

    const byTopic = new Map<string, Message[]>();
    const spans = rows.map((row) => {
      const { span, headers } = startPublishSpan(
        row.topic,
        row.headers.ce_id ?? row.id,
        row.headers,
      );
      const topic = `${this.options.topicPrefix ?? ''}${row.topic}`;
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: row.message_key, value: row.payload, headers });
      byTopic.set(topic, messages);
      return span;
    });
    try {
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
    await deletePublished(session, rows);
    return rows.length;
  }

  private async backlog(session: Client): Promise<number> {
    const { rows } = await session.query<{ count: string }>(
      'SELECT count(*) FROM messaging.outbox',
    );
    return Number(rows[0]?.count ?? 0);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

// Row-level security lets a transaction delete only its tenant's rows: one delete per tenant.
async function deletePublished(session: Client, rows: readonly OutboxRow[]): Promise<void> {
  const idsByTenant = Map.groupBy(rows, (row) => row.tenant_id);
  await session.query('BEGIN');
  try {
    for (const [tenantId, tenantRows] of idsByTenant) {
      await session.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      await session.query('DELETE FROM messaging.outbox WHERE id = ANY($1::bigint[])', [
        tenantRows.map((row) => row.id),
      ]);
    }
    await session.query('COMMIT');
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
