import { metricsRegistry, reusableAdmin, type ReusableAdmin } from '@tenantry/observability';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';

/** A consumer group's position on one partition, as the broker knows it. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages the group has yet to read (see fetchConsumerLag). */
  lag: number;
}

/**
 * The group's lag on every partition of `topics`, from the broker alone: the log end offset
 * minus the group's committed offset. A partition where the group has committed nothing (or
 * only offsets that retention has since deleted) counts from its earliest retained message.
 */
export async function fetchConsumerLag(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  const [committed, logOffsets] = await Promise.all([
    admin.fetchOffsets({ groupId, topics }),
    Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic))),
  ]);
  return committed.flatMap(({ topic, partitions }) => {
    const offsets = new Map(
      logOffsets[topics.indexOf(topic)]!.map((entry) => [entry.partition, entry]),
    );
    return partitions.flatMap(({ partition, offset }) => {
      const log = offsets.get(partition);
      if (!log) return [];
      const low = BigInt(log.low);
      const readFrom = BigInt(offset) > low ? BigInt(offset) : low;
      return [{ topic, partition, lag: Number(BigInt(log.high) - readFrom) }];
    });
  });
}

const consumerLagMessages = new Gauge({
  name: 'kafka_consumer_lag_messages',
  help: "Messages a consumer group has yet to read (log end offset minus the group's committed offset, from the broker), per group, topic and partition",
  labelNames: ['group', 'topic', 'partition'] as const,
  registers: [metricsRegistry],
});

/** How often ConsumerLagMonitor asks the broker by default. */
const defaultLagRefreshMs = 10_000;

/**
 * Reports `kafka_consumer_lag_messages` for the watched consumer groups, asking the broker every
 * `refreshMs` rather than the consumers, so that a stuck or stopped consumer shows its true lag.
 * When the broker cannot answer, the group's series are removed (no stale lag is reported).
 */
export class ConsumerLagMonitor {
  private readonly groups = new Map<string, string[]>();
  /** The series each group reported last, removed before its next report. */
  private readonly reported = new Map<
    string,
    Array<{ group: string; topic: string; partition: string }>
  >();
  private readonly admin: ReusableAdmin;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly log: (message: string, error: unknown) => void = () => undefined,
  ) {
    this.admin = reusableAdmin(kafka);
  }

  /** Reports the group's lag on every partition of `topics` (full Kafka topic names). */
  watch(groupId: string, topics: string[]): void {
    this.groups.set(groupId, topics);
  }

  /** Refreshes every `refreshMs` (the first time after one interval: topics may be new at start). */
  start(refreshMs = defaultLagRefreshMs): void {
    this.timer = setInterval(() => void this.refresh(), refreshMs);
    this.timer.unref();
  }

  /** Stops refreshing and withdraws the groups' series. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await this.admin.close();
    for (const series of [...this.reported.values()].flat()) consumerLagMessages.remove(series);
    this.reported.clear();
  }

  /** Asks the broker for every watched group's lag now; one refresh at a time. */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshGroups().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshGroups(): Promise<void> {
    for (const [group, topics] of this.groups) {
      let lags: PartitionLag[] = [];
      try {
        lags = await this.admin.use((admin) => fetchConsumerLag(admin, group, topics));
      } catch (error) {
        this.log(`consumer lag of ${group} unknown: the broker did not answer`, error);
      }
      for (const series of this.reported.get(group) ?? []) consumerLagMessages.remove(series);
      const series = lags.map(({ topic, partition, lag }) => {
        const labels = { group, topic, partition: String(partition) };
        consumerLagMessages.set(labels, lag);
        return labels;
      });
      this.reported.set(group, series);
    }
  }
}
