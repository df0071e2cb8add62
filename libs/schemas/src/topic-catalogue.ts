import type { EventContract } from './event-contract';
import { usageRecorded } from './events/usage-recorded.event';

/** A Kafka topic: its name, what its key is, its size and retention, and the events it carries. */
export interface TopicSpec {
  /** `<domain>.<entity>.v<major>` */
  readonly name: string;
  readonly description: string;
  /** What the message key is, e.g. 'tenant id' (messages with one key keep their order). */
  readonly key: string;
  readonly partitions: number;
  /** How long Kafka keeps messages, in milliseconds; -1 keeps them forever. */
  readonly retentionMs: number;
  readonly events: readonly EventContract[];
}

const day = 24 * 60 * 60 * 1000;

/** Every topic Tenantry owns: the one source of topic names, keys, partitions and retention. */
export const topicCatalogue: readonly TopicSpec[] = Object.freeze([
  {
    name: 'metering.usage.v1',
    description:
      'Usage reported by every service and client; metering aggregates it into quotas, caps and invoices.',
    key: 'tenant id',
    partitions: 12,
    retentionMs: 30 * day,
    events: [usageRecorded],
  },
]);

/** The catalogue entry of a topic, or undefined when Tenantry has no such topic. */
export function findTopic(name: string): TopicSpec | undefined {
  return topicCatalogue.find((topic) => topic.name === name);
}
