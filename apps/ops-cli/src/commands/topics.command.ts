import { deadLetterTopic, topicCatalogue, type TopicSpec } from '@tenantry/schemas';
import { loadConfig } from '@tenantry/config';
import { createKafka, ensureTopics, messagingSettings } from '@tenantry/messaging';
import { Command, InvalidArgumentError } from 'commander';
import { logLevel } from 'kafkajs';
import { reachingKafka } from '../kafka-errors';

/**
 * `tenantry topics`: the topic catalogue as a table, or as JSON with --json;
 * `tenantry topics ensure`: creates the missing topics and dead-letter topics on the cluster.
 */
export function topicsCommand(env?: NodeJS.ProcessEnv): Command {
  const topics = new Command('topics')
    .description('list the Kafka topics: key, partitions, retention and the events each carries')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }, command: Command) => {
      const text = options.json
        ? `${JSON.stringify(topicCatalogue.map(topicSummary), null, 2)}\n`
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
      const settings = loadConfig(messagingSettings, env);
      const brokers = settings.KAFKA_BROKERS;
      const kafka = createKafka({ brokers, clientId: 'tenantry-cli', level: logLevel.NOTHING });
      const created = await reachingKafka(brokers, () =>
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

function topicSummary(topic: TopicSpec) {
  return {
    name: topic.name,
    description: topic.description,
    key: topic.key,
    partitions: topic.partitions,
    retentionMs: topic.retentionMs,
    deadLetterTopic: deadLetterTopic(topic.name),
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
