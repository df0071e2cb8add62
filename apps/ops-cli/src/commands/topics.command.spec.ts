// eslint-disable-next-line @nx/enforce-module-boundaries -- the CLI loads it lazily (start-up time), a test need not
import { topicCatalogue } from '@tenantry/schemas';
import { topicsCommand } from './topics.command';

async function run(...args: string[]): Promise<string> {
  let output = '';
  const command = topicsCommand().configureOutput({ writeOut: (text) => (output += text) });
  await command.parseAsync(args, { from: 'user' });
  return output;
}

describe('tenantry topics', () => {
  it('prints one table row per topic: name, key, partitions, retention, events', async () => {
    const lines = (await run()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KEY\s+PARTITIONS\s+RETENTION\s+EVENTS$/);
    expect(lines).toHaveLength(topicCatalogue.length + 1);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^metering\.usage\.v1\s+tenant id\s+12\s+30d\s+usage\.recorded \(types chosen by producer\)$/,
      ),
    );
  });

  it('prints the catalogue as JSON with --json, dead-letter topics included', async () => {
    const topics = JSON.parse(await run('--json')) as { name: string }[];
    expect(topics.map((topic) => topic.name)).toEqual(topicCatalogue.map((topic) => topic.name));
    expect(topics).toContainEqual(
      expect.objectContaining({
        name: 'metering.usage.v1',
        key: 'tenant id',
        partitions: 12,
        retentionMs: 2_592_000_000,
        deadLetterTopic: 'metering.usage.v1.dlq',
        events: [
          expect.objectContaining({ type: 'usage.recorded', typePattern: expect.any(String) }),
        ],
      }),
    );
  });
});
