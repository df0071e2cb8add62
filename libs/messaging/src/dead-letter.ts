import { deadLetterHeaders, deadLetterId, deadLetterTopic } from '@tenantry/schemas';
import { deadLettersTotal } from '@tenantry/observability';
import type { KafkaMessage, Producer } from 'kafkajs';
import { errorMessage } from './retry';

/** Where a dead-lettered message came from. */
export interface MessageOrigin {
  /** The topic as read from Kafka (with the deployment's prefix). */
  topic: string;
  partition: number;
  offset: string;
}

/** Why a message went to the dead-letter topic and after how many tries. */
export interface DeadLetterReason {
  consumer: string;
  error: unknown;
  attempts: number;
}

/**
 * Publishes the original message, byte for byte, to `<topic>.dlq` with headers naming
 * the error, the origin and the attempts, so an operator can inspect and redrive it. Its
 * `tenantry-dlq-id` is the same for every copy of one failure (deadLetterId).
 */
export async function publishDeadLetter(
  producer: Producer,
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>,
  origin: MessageOrigin,
  reason: DeadLetterReason,
  now: () => Date = () => new Date(),
): Promise<void> {
  await producer.send({
    topic: deadLetterTopic(origin.topic),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [deadLetterHeaders.id]: deadLetterId(reason.consumer, origin),
          [deadLetterHeaders.error]: reason.error instanceof Error ? reason.error.name : 'Error',
          [deadLetterHeaders.reason]: errorMessage(reason.error).slice(0, 4000),
          [deadLetterHeaders.originTopic]: origin.topic,
          [deadLetterHeaders.originPartition]: String(origin.partition),
          [deadLetterHeaders.originOffset]: origin.offset,
          [deadLetterHeaders.attempts]: String(reason.attempts),
          [deadLetterHeaders.consumer]: reason.consumer,
          [deadLetterHeaders.failedAt]: now().toISOString(),
        },
      },
    ],
  });
  deadLettersTotal.inc({ consumer: reason.consumer, topic: origin.topic });
}
