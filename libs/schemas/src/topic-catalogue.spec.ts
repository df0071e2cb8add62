import { deadLetterHeaders, deadLetterTopic } from './dead-letter';
import { replayHeader } from './replay-header';
import { findTopic, topicCatalogue } from './topic-catalogue';

const kafkaTopicName = /^[a-zA-Z0-9._-]{1,249}$/;
const contracts = topicCatalogue.flatMap((topic) =>
  topic.events.map((contract) => ({ topic, contract })),
);

describe('the topic catalogue', () => {
  it.each(topicCatalogue.map((topic) => [topic.name, topic]))(
    'names %s <domain>.<entity>.v<major>',
    (_name, topic) => {
      expect(topic.name).toMatch(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/);
    },
  );

  it('names each topic once', () => {
    const names = topicCatalogue.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every topic a dead-letter topic Kafka accepts and no other topic uses', () => {
    const names = new Set(topicCatalogue.map((topic) => topic.name));
    for (const topic of topicCatalogue) {
      const deadLetters = deadLetterTopic(topic.name);
      expect(deadLetters).toBe(`${topic.name}.dlq`);
      expect(deadLetters).toMatch(kafkaTopicName);
      expect(names.has(deadLetters)).toBe(false);
    }
  });

  it('sizes every topic: a key, at least one partition, a retention', () => {
    for (const topic of topicCatalogue) {
      expect(topic.key).not.toBe('');
      expect(Number.isInteger(topic.partitions) && topic.partitions > 0).toBe(true);
      expect(
        topic.retentionMs === -1 || (Number.isInteger(topic.retentionMs) && topic.retentionMs > 0),
      ).toBe(true);
      expect(topic.events.length).toBeGreaterThan(0);
    }
  });

  it('lists each contract under the topic the contract names, once in the catalogue', () => {
    for (const { topic, contract } of contracts) expect(contract.topic).toBe(topic.name);
    const types = contracts.map(({ contract }) => contract.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(contracts.map(({ contract }) => [contract.type, contract]))(
    'has example data for %s that satisfies its contract',
    (_type, contract) => {
      expect(contract.data.safeParse(contract.example).success).toBe(true);
    },
  );

  it('keeps type patterns flag-free: stateless to test and valid as JSON Schema patterns', () => {
    for (const { contract } of contracts) expect(contract.typePattern?.flags ?? '').toBe('');
  });

  it('finds a topic by name', () => {
    expect(findTopic('metering.usage.v1')?.key).toBe('tenant id');
    expect(findTopic('metering.usage.v2')).toBeUndefined();
  });

  it('keeps usage for 30 days in 12 partitions keyed by tenant', () => {
    expect(findTopic('metering.usage.v1')).toMatchObject({
      key: 'tenant id',
      partitions: 12,
      retentionMs: 30 * 24 * 60 * 60 * 1000,
    });
  });
});

describe('the messaging headers', () => {
  it('gives each dead-letter fact its own tenantry-dlq- header, apart from the replay header', () => {
    const names = Object.values(deadLetterHeaders);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^tenantry-dlq-[a-z-]+$/);
    expect(names).not.toContain(replayHeader);
  });
});
