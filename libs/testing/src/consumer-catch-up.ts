import type { Kafka } from 'kafkajs';
import { waitFor } from './wait-for';

/**
 * Waits until consumer group `groupId` has committed the end of every partition of `topic`:
 * everything produced so far has been applied (offsets commit after the work). Empty
 * partitions have nothing to commit.
 */
export async function waitForConsumerToCatchUp(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 300_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        try {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          return ends.every(
            ({ partition, high, low }) =>
              high === low ||
              committed?.partitions.find((entry) => entry.partition === partition)?.offset === high,
          );
        } catch (error) {
          // A topic created moments ago may not have its leaders yet ("not the leader for that
          // topic-partition"); kafkajs marks such errors retriable.
          if ((error as { retriable?: boolean }).retriable) return false;
          throw error;
        }
      },
      {
        intervalMs: 100,
        timeoutMs,
        what: `consumer group ${groupId} to commit the end of ${topic}`,
      },
    );
  } finally {
    await admin.disconnect();
  }
}
