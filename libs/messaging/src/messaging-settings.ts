import { kafkaSettings } from '@tenantry/config';
import { z } from 'zod';

/** Kafka settings of a service, plus the prefix that separates environments sharing a cluster. */
export const messagingSettings = kafkaSettings.extend({
  KAFKA_TOPIC_PREFIX: z.string().default(''),
});

export type MessagingSettings = z.output<typeof messagingSettings>;
