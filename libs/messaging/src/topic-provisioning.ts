import { deadLetterTopic } from '@tenantry/schemas';
import type { Kafka } from 'kafkajs';

/** What provisioning needs to know of a catalogue topic. */
export interface ProvisionedTopic {
  name: string;
  partitions: number;
  /** -1 keeps messages forever. */
  retentionMs: number;
}

/**
 * Creates each topic and its dead-letter topic when missing (existing ones are left as
 * they are) and returns the names it created. Dead-letter topics have one partition and
 * keep messages forever.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly ProvisionedTopic[],
  { prefix = '', replicationFactor = 1 }: { prefix?: string; replicationFactor?: number } = {},
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((topic) => [
      {
        topic: `${prefix}${topic.name}`,
        numPartitions: topic.partitions,
        retentionMs: topic.retentionMs,
      },
      { topic: deadLetterTopic(`${prefix}${topic.name}`), numPartitions: 1, retentionMs: -1 },
    ]);
    const missing = wanted.filter(({ topic }) => !existing.has(topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ topic, numPartitions, retentionMs }) => ({
        topic,
        numPartitions,
        replicationFactor,
        configEntries: [{ name: 'retention.ms', value: String(retentionMs) }],
      })),
    });
    return missing.map(({ topic }) => topic);
  } finally {
    await admin.disconnect();
  }
}
