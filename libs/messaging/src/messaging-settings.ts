import { kafkaSettings } from '@tenantry/config';
import type { ConsumerConfig } from 'kafkajs';
import { z } from 'zod';

/**
 * Kafka settings of a service, plus the prefix that separates environments sharing a cluster and
 * how long the inbox remembers applied events.
 */
export const messagingSettings = kafkaSettings.extend({
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  /**
   * Days an inbox row (the record that an event was applied) is kept. Longer than the longest
   * finite retention of a catalogue topic (90 days), so a redelivery is never applied twice.
   */
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(120),
  /**
   * How long the group coordinator waits for a silent consumer before it gives the consumer's
   * partitions to others. Kafka's minimum is 6 s.
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(10_000),
  /**
   * Least time between a consumer's heartbeats, and the longest a fetch waits for records, so a
   * member idle or busy between chunks hears of a rebalance within about twice this.
   */
  KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
  /**
   * How long a rebalance waits for the members to rejoin; one that does not is dropped. A consumer
   * restarted after a crash gets its partitions after this, not after the dead member's session
   * (kafkajs has no static membership). Must exceed two heartbeat intervals plus the longest
   * chunk, or live members are dropped too.
   */
  KAFKA_REBALANCE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(4000),
});

export type MessagingSettings = z.output<typeof messagingSettings>;

/** The consumer group session of a service's consumers, as kafkajs takes it. */
export function consumerGroupSession(
  settings: Pick<
    MessagingSettings,
    'KAFKA_SESSION_TIMEOUT_MS' | 'KAFKA_HEARTBEAT_INTERVAL_MS' | 'KAFKA_REBALANCE_TIMEOUT_MS'
  >,
): GroupSession {
  return {
    sessionTimeout: settings.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: settings.KAFKA_HEARTBEAT_INTERVAL_MS,
    maxWaitTimeInMs: settings.KAFKA_HEARTBEAT_INTERVAL_MS,
    rebalanceTimeout: settings.KAFKA_REBALANCE_TIMEOUT_MS,
  };
}

export type GroupSession = Required<
  Pick<
    ConsumerConfig,
    'sessionTimeout' | 'heartbeatInterval' | 'maxWaitTimeInMs' | 'rebalanceTimeout'
  >
>;
