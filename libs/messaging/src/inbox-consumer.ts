import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { eventsConsumedTotal, type ConsumeOutcome } from '@tenantry/observability';
import { fromKafkaMessage, replayHeader, type CloudEvent } from '@tenantry/schemas';
import { bindTenant, contextFromEvent, runWithTenantContext } from '@tenantry/tenant-context';
import type { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { publishDeadLetter } from './dead-letter';
import { idempotentProducer } from './kafka-client';
import type { GroupSession } from './messaging-settings';
import { endSpans, startProcessSpan } from './messaging-tracing';
import { PoisonEventError } from './poison-event-error';
import {
  defaultRetryPolicy,
  RetriesExhaustedError,
  retryWithBackoff,
  type RetryPolicy,
} from './retry';
import { isTransientError } from './transient-error';

/** An event as a handler receives it, with where it was read from. */
export interface ConsumedEvent<T = unknown> {
  event: CloudEvent<T>;
  /** Catalogue topic name (without the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
  /** `topic/partition/offset` of the original when an operator replayed the event. */
  replayedFrom?: string;
  message: KafkaMessage;
}

/**
 * Applies events to a service's state. `T` is the data type of the contract the consumer's
 * `parse` checks events against (e.g. `EventHandler<DriftSamplesData>`).
 */
export interface EventHandler<T = unknown> {
  /**
   * Applies first-seen events of ONE tenant inside the consumer's transaction, with
   * row-level security bound to that tenant. Use set-based SQL for large batches.
   */
  // A property, not a method: its parameters are then checked strictly, so a handler of one
  // contract cannot be wired to the parser of another.
  handle: (events: ConsumedEvent<T>[], manager: EntityManager) => Promise<void | HandlerOutcome<T>>;
}

/** What a handler reports back besides its writes. */
export interface HandlerOutcome<T = unknown> {
  /** Events it refused for good: they go to the dead-letter topic once the transaction commits. */
  rejected?: Array<{ event: ConsumedEvent<T>; reason: string }>;
  /** Events it recognised as already applied (when it dedupes by its own key). */
  duplicates?: number;
}

/** Validates an event against its contract; throws for a schema violation. */
export type EventParser<T> = (event: CloudEvent<unknown>, topic: string) => CloudEvent<T>;

export interface InboxConsumerOptions<T = unknown> {
  /** The consumer's name: its Kafka group id and its key in the inbox. */
  name: string;
  kafka: Kafka;
  dataSource: DataSource;
  /** Catalogue topic names. */
  topics: string[];
  topicPrefix?: string;
  handler: EventHandler<T>;
  /** Checks each decoded event against its contract (e.g. with `parseEvent`); gives the handler its type. */
  parse: EventParser<T>;
  /**
   * `inbox` (default): the consumer records every event in `messaging.inbox` and hands the
   * handler first-seen events only. `handler`: the handler's own unique key makes it
   * idempotent (e.g. metering's raw events), so it gets every event and reports duplicates.
   */
  dedupe?: 'inbox' | 'handler';
  /** Most events applied in one transaction. */
  maxBatchSize?: number;
  partitionsConsumedConcurrently?: number;
  /**
   * Most bytes one fetch brings per partition (kafkajs' default is 1 MiB): with several
   * partitions in flight, what is fetched but not yet applied is what the process holds.
   */
  maxBytesPerPartition?: number;
  retry?: RetryPolicy;
  fromBeginning?: boolean;
  /** Session timeout and heartbeat interval in the group (consumerGroupSession); kafkajs' defaults otherwise. */
  groupSession?: GroupSession;
}

/**
 * Consumes topics with exactly-once effect: each chunk of a batch is applied in one
 * PostgreSQL transaction that also records every event in the inbox (a duplicate
 * `(consumer, tenant, source, id)` is skipped), and the offset is committed only after
 * that transaction. Unreadable or invalid messages go to `<topic>.dlq` at once; an event
 * whose handler keeps failing goes there after the retry policy's attempts. When the
 * database or Kafka is down the batch is retried and never dead-lettered.
 */
export class InboxConsumer<T = unknown> {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly retry: RetryPolicy;
  private readonly maxBatchSize: number;
  private stopped = false;

  constructor(private readonly options: InboxConsumerOptions<T>) {
    this.consumer = options.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      ...options.groupSession,
      ...(options.maxBytesPerPartition === undefined
        ? {}
        : { maxBytesPerPartition: options.maxBytesPerPartition }),
      // kafkajs restarts a crashed consumer after a delay; once stopped it must stay stopped.
      retry: { restartOnFailure: async () => !this.stopped },
    });
    this.deadLetters = options.kafka.producer(idempotentProducer);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.maxBatchSize = options.maxBatchSize ?? 500;
  }

  get groupId(): string {
    return `${this.options.topicPrefix ?? ''}${this.options.name}`;
  }

  async start(): Promise<void> {
    const prefix = this.options.topicPrefix ?? '';
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((topic) => `${prefix}${topic}`),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  /** Lets the chunk in flight finish (uncommitted work is redelivered), then leaves the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private async consumeBatch({
    batch,
    heartbeat,
    isRunning,
    isStale,
    resolveOffset,
  }: EachBatchPayload): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += this.maxBatchSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + this.maxBatchSize);
      const readable = await this.readChunk(batch, chunk);
      await this.applyChunk(batch, readable);
      const last = chunk[chunk.length - 1]!.offset;
      await this.consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
      resolveOffset(last);
      await heartbeat();
    }
  }

  /** Decodes and validates each message; the unreadable ones go to the dead-letter topic. */
  private async readChunk(batch: Batch, chunk: KafkaMessage[]): Promise<ConsumedEvent<T>[]> {
    const topic = this.catalogueName(batch.topic);
    const readable: ConsumedEvent<T>[] = [];
    for (const message of chunk) {
      try {
        const event = this.options.parse(fromKafkaMessage(message), topic);
        const replayedFrom = message.headers?.[replayHeader]?.toString();
        readable.push({
          event,
          topic,
          partition: batch.partition,
          offset: message.offset,
          message,
          ...(replayedFrom ? { replayedFrom } : {}),
        });
      } catch (error) {
        await this.deadLetter(batch, message, error, 1);
      }
    }
    return readable;
  }

  private async applyChunk(batch: Batch, events: ConsumedEvent<T>[]): Promise<void> {
    if (events.length === 0) return;
    let rejected: Rejection<T>[];
    try {
      rejected = await retryWithBackoff(
        () => this.applyInTransaction(events),
        this.retry,
        isTransientError,
      );
    } catch (error) {
      if (error instanceof RetriesExhaustedError) throw error; // an outage: Kafka redelivers later
      // Some event fails for good: apply one at a time to find it and dead-letter only it.
      for (const event of events) await this.applyAlone(batch, event);
      return;
    }
    for (const { event, reason } of rejected)
      await this.deadLetter(batch, event.message, new PoisonEventError(reason), 1);
  }

  private async applyAlone(batch: Batch, event: ConsumedEvent<T>): Promise<void> {
    try {
      const rejected = await retryWithBackoff(
        () => this.applyInTransaction([event]),
        this.retry,
        isTransientError,
      );
      for (const { reason } of rejected)
        await this.deadLetter(batch, event.message, new PoisonEventError(reason), 1);
    } catch (error) {
      if (error instanceof RetriesExhaustedError) throw error; // an outage: Kafka redelivers later
      // A permanent error (a constraint violation, invalid data, a bug) fails the same way again.
      await this.deadLetter(batch, event.message, error, 1);
    }
  }

  /** One transaction, traced by one span: inbox rows and the handler's writes, tenant by tenant. */
  private async applyInTransaction(events: ConsumedEvent<T>[]): Promise<Rejection<T>[]> {
    const span = startProcessSpan(
      events[0]!.topic,
      this.options.name,
      events.map((consumed) => ({
        eventId: consumed.event.id,
        headers: traceHeadersOf(consumed.message),
      })),
    );
    let duplicates = 0;
    let rejected: Rejection<T>[] = [];
    try {
      await context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
        this.options.dataSource.transaction(async (manager) => {
          duplicates = 0;
          rejected = [];
          for (const [tenantId, group] of groupByTenant(events)) {
            await bindTenant(manager, tenantId);
            const firstSeen =
              this.options.dedupe === 'handler'
                ? group
                : await this.recordInInbox(manager, tenantId, group);
            duplicates += group.length - firstSeen.length;
            if (firstSeen.length === 0) continue;
            const outcome = await runWithTenantContext(contextFromEvent(firstSeen[0]!.event), () =>
              this.options.handler.handle(firstSeen, manager),
            );
            duplicates += outcome?.duplicates ?? 0;
            rejected.push(...(outcome?.rejected ?? []));
          }
        }),
      );
    } catch (error) {
      endSpans([span], error);
      throw error;
    }
    endSpans([span]);
    const topic = events[0]!.topic;
    const counts: Array<[ConsumeOutcome, number]> = [
      ['applied', events.length - duplicates - rejected.length],
      ['duplicate', duplicates],
    ];
    for (const [outcome, count] of counts) {
      if (count > 0)
        eventsConsumedTotal.inc({ consumer: this.options.name, topic, outcome }, count);
    }
    return rejected;
  }

  /** Inserts inbox rows; returns the events not seen before, first occurrence only. */
  private async recordInInbox(
    manager: EntityManager,
    tenantId: string,
    events: ConsumedEvent<T>[],
  ): Promise<ConsumedEvent<T>[]> {
    const first = events[0]!;
    const inserted: Array<{ event_source: string; event_id: string }> = await manager.query(
      `INSERT INTO messaging.inbox (consumer, tenant_id, event_source, event_id, topic, partition, "offset")
       SELECT $1, $2, source, id, $3, $4, "offset" FROM unnest($5::text[], $6::text[], $7::bigint[]) AS e(source, id, "offset")
       ON CONFLICT DO NOTHING
       RETURNING event_source, event_id`,
      [
        this.options.name,
        tenantId,
        first.topic,
        first.partition,
        events.map((consumed) => consumed.event.source),
        events.map((consumed) => consumed.event.id),
        events.map((consumed) => consumed.offset),
      ],
    );
    const fresh = new Set(inserted.map((row) => inboxKey(row.event_source, row.event_id)));
    return events.filter((consumed) =>
      fresh.delete(inboxKey(consumed.event.source, consumed.event.id)),
    );
  }

  private async deadLetter(
    batch: Batch,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await publishDeadLetter(
      this.deadLetters,
      message,
      { topic: batch.topic, partition: batch.partition, offset: message.offset },
      { consumer: this.options.name, error, attempts },
    );
    eventsConsumedTotal.inc({
      consumer: this.options.name,
      topic: this.catalogueName(batch.topic),
      outcome: 'dead_lettered',
    });
  }

  private catalogueName(topic: string): string {
    const prefix = this.options.topicPrefix ?? '';
    return topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  }
}

type Rejection<T> = NonNullable<HandlerOutcome<T>['rejected']>[number];

function groupByTenant<T>(events: ConsumedEvent<T>[]): Map<string, ConsumedEvent<T>[]> {
  const groups = new Map<string, ConsumedEvent<T>[]>();
  for (const consumed of events) {
    const group = groups.get(consumed.event.tenantid) ?? [];
    group.push(consumed);
    groups.set(consumed.event.tenantid, group);
  }
  return groups;
}

function inboxKey(source: string, id: string): string {
  return JSON.stringify([source, id]);
}

/** The headers the trace propagator reads (traceparent…): decoding every ce_ header costs as much as the event. */
function traceHeadersOf(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of propagation.fields()) {
    const value = message.headers?.[name];
    if (value !== undefined)
      headers[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
  }
  return headers;
}
