// eslint-disable-next-line @nx/enforce-module-boundaries -- the CLI loads it lazily (start-up time), a test need not
import { deadLetterTopic, topicCatalogue } from '@tenantry/schemas';
import { testKafkaBrokers, uniqueTopicPrefix } from '@tenantry/testing';
import { Kafka, logLevel } from 'kafkajs';
import { topicsCommand } from '../src/commands/topics.command';

describe('tenantry topics ensure', () => {
  const prefix = uniqueTopicPrefix();
  const env = { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix };

  async function ensure(): Promise<string> {
    let output = '';
    await topicsCommand(env)
      .configureOutput({ writeOut: (text) => (output += text) })
      .parseAsync(['ensure'], { from: 'user' });
    return output;
  }

  it('creates every catalogue topic with its partitions and retention, and its dead-letter topic', async () => {
    expect(await ensure()).toMatch(/^created: /);
    const admin = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({
      topics: topicCatalogue.flatMap((topic) => [
        `${prefix}${topic.name}`,
        deadLetterTopic(`${prefix}${topic.name}`),
      ]),
    });
    const partitions = Object.fromEntries(
      metadata.topics.map((topic) => [topic.name, topic.partitions.length]),
    );
    const [usage] = topicCatalogue;
    expect(partitions[`${prefix}${usage!.name}`]).toBe(usage!.partitions);
    expect(partitions[`${prefix}${usage!.name}.dlq`]).toBe(1);
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: `${prefix}${usage!.name}`, configNames: ['retention.ms'] }],
    });
    expect(configs.resources[0]!.configEntries[0]!.configValue).toBe(String(usage!.retentionMs));
    await admin.disconnect();
  });

  it('leaves existing topics alone when run again', async () => {
    expect(await ensure()).toBe('all topics exist\n');
  });
});
