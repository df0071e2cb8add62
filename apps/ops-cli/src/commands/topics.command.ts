import type { TopicSpec } from '@tenantry/schemas';
import { Command, InvalidArgumentError } from 'commander';
import { withKafka } from '../kafka';

/**
 * `tenantry topics`: the topic catalogue as a table, or as JSON with --json;
 * `tenantry topics ensure`: creates the missing topics and dead-letter topics on the cluster.
 * Each action loads the libraries it needs, so that `tenantry --help` loads none.
 */
export function topicsCommand(env?: NodeJS.ProcessEnv): Command {
  const topics = new Command('topics')
    .description('list the Kafka topics: key, partitions, retention and the events each carries')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { deadLetterTopic, topicCatalogue } = await import('@tenantry/schemas');
      const text = options.json
        ? `${JSON.stringify(
            topicCatalogue.map((topic) => topicSummary(topic, deadLetterTopic(topic.name))),
            null,
            2,
          )}\n`
        : catalogueTable(topicCatalogue);
      command.configureOutput().writeOut?.(text);
    });
  topics
    .command('ensure')
    .description(
      'create every catalogue topic and its dead-letter topic that the cluster lacks (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX)',
    )
    .option('--replication-factor <n>', 'replicas of each new topic', parsePositiveInteger, 1)
    .option('--json', 'print the created topics as JSON ({ "created": [...] })')
    .action(async (options: { replicationFactor: number; json?: boolean }) => {
      const [{ loadConfig }, { ensureTopics, messagingSettings }, { topicCatalogue }] =
        await Promise.all([
          import('@tenantry/config'),
          import('@tenantry/messaging'),
          import('@tenantry/schemas'),
        ]);
      const settings = loadConfig(messagingSettings, env);
      const created = await withKafka(settings.KAFKA_BROKERS, (kafka) =>
        ensureTopics(kafka, topicCatalogue, {
          prefix: settings.KAFKA_TOPIC_PREFIX,
          replicationFactor: options.replicationFactor,
        }),
      );
      const text = options.json
        ? `${JSON.stringify({ created })}\n`
        : created.length
          ? `created: ${created.join(', ')}\n`
          : 'all topics exist\n';
      // Output settings live on `topics` (subcommands copy them only when created).
      topics.configureOutput().writeOut?.(text);
    });
  return topics;
}

function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('a positive integer');
  return value;
}

function topicSummary(topic: TopicSpec, deadLetterTopic: string) {
  return {
    name: topic.name,
    description: topic.description,
    key: topic.key,
    partitions: topic.partitions,
    retentionMs: topic.retentionMs,
    deadLetterTopic,
    events: topic.events.map((contract) => ({
      type: contract.type,
      ...(contract.typePattern ? { typePattern: contract.typePattern.source } : {}),
      description: contract.description,
    })),
  };
}

function catalogueTable(catalogue: readonly TopicSpec[]): string {
  const rows = [
    ['NAME', 'KEY', 'PARTITIONS', 'RETENTION', 'EVENTS'],
    ...catalogue.map((topic) => [
      topic.name,
      topic.key,
      String(topic.partitions),
      retention(topic.retentionMs),
      topic.events
        .map((contract) =>
          contract.typePattern ? `${contract.type} (types chosen by producer)` : contract.type,
        )
        .join(', '),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

function retention(ms: number): string {
  const hour = 60 * 60 * 1000;
  if (ms === -1) return 'forever';
  if (ms % (24 * hour) === 0) return `${ms / (24 * hour)}d`;
  if (ms % hour === 0) return `${ms / hour}h`;
  return `${ms}ms`;
}
