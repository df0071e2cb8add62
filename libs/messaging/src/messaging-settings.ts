import { kafkaSettings } from '@tenantry/config';
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
});

export type MessagingSettings = z.output<typeof messagingSettings>;
