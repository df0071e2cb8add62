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
   * partitions to others; a consumer restarted after a crash waits this long too (kafkajs has no
   * static membership). Kafka's minimum is 6 s; a chunk must be applied within it.
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(10_000),
  /** Least time between a consumer's heartbeats; about a third of the session timeout. */
  KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(3000),
});

export type MessagingSettings = z.output<typeof messagingSettings>;

/** The consumer group session of a service's consumers, as kafkajs takes it. */
export function consumerGroupSession(
  settings: Pick<MessagingSettings, 'KAFKA_SESSION_TIMEOUT_MS' | 'KAFKA_HEARTBEAT_INTERVAL_MS'>,
): GroupSession {
  return {
    sessionTimeout: settings.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: settings.KAFKA_HEARTBEAT_INTERVAL_MS,
  };
}

export type GroupSession = Required<Pick<ConsumerConfig, 'sessionTimeout' | 'heartbeatInterval'>>;
