import { generateAsyncApi } from './asyncapi';
import { deadLetterHeaders } from './dead-letter';
import { cloudEventKafkaHeaders, fromKafkaMessage } from './kafka-binding';
import { topicCatalogue } from './topic-catalogue';

type Node = Record<string, unknown>;
const document = generateAsyncApi();

function at(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Node | undefined)?.[key], document);
}

function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refs(value),
  );
}

describe('generateAsyncApi', () => {
  it('is an AsyncAPI 3.0.0 document whose every $ref resolves inside it', () => {
    expect(document.asyncapi).toBe('3.0.0');
    const unresolved = refs(document).filter((ref) => at(ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it.each(topicCatalogue.map((topic) => [topic.name, topic]))(
    'has channels for %s and its dead letters, with send and receive operations',
    (name, topic) => {
      expect(at(`#/channels/${name}/bindings/kafka`)).toMatchObject({
        topic: name,
        partitions: topic.partitions,
        topicConfiguration: { 'retention.ms': topic.retentionMs },
      });
      expect(at(`#/channels/${name}.dlq/address`)).toBe(`${name}.dlq`);
      for (const channel of [name, `${name}.dlq`]) {
        expect(at(`#/operations/${channel}.send/action`)).toBe('send');
        expect(at(`#/operations/${channel}.receive/action`)).toBe('receive');
      }
    },
  );

  it('documents every CloudEvents header, requiring the mandatory ones', () => {
    const headers = at('#/components/schemas/eventHeaders') as {
      properties: Node;
      required: string[];
    };
    expect(Object.keys(headers.properties)).toEqual(
      expect.arrayContaining(Object.values(cloudEventKafkaHeaders)),
    );
    expect([...headers.required].sort()).toEqual([
      'ce_id',
      'ce_source',
      'ce_specversion',
      'ce_tenantid',
      'ce_type',
    ]);
  });

  it('documents every dead-letter header on the dead-letter messages', () => {
    const schema = at('#/components/schemas/deadLetterHeaders') as { required: string[] };
    expect(schema.required).toEqual(Object.values(deadLetterHeaders));
    expect(at('#/components/messages/usage.recorded.dead-letter/headers/allOf')).toContainEqual({
      $ref: '#/components/schemas/deadLetterHeaders',
    });
  });

  it('requires no CloudEvents header of a dead letter: an envelope failure may lack any', () => {
    const allOf = at('#/components/messages/usage.recorded.dead-letter/headers/allOf') as Node[];
    expect(allOf).not.toContainEqual({ $ref: '#/components/schemas/eventHeaders' });
    const original = at('#/components/schemas/deadLetteredEventHeaders') as Node;
    expect(original).not.toHaveProperty('required');
    expect(Object.keys(original.properties as Node)).toEqual(
      expect.arrayContaining(Object.values(cloudEventKafkaHeaders)),
    );
  });

  it('shows the example data of each contract as its message example', () => {
    for (const contract of topicCatalogue.flatMap((topic) => topic.events)) {
      expect(at(`#/components/messages/${contract.type}/examples`)).toEqual([
        { name: 'example', payload: contract.example },
      ]);
    }
  });

  it('shows example headers that the header schema itself allows', () => {
    const headers = at('#/components/schemas/eventHeaders') as {
      required: string[];
      examples: Node[];
    };
    const [example] = headers.examples;
    expect(Object.keys(example!)).toEqual(expect.arrayContaining(headers.required));
    expect(
      fromKafkaMessage({ value: Buffer.from('{}'), headers: example as Record<string, string> }),
    ).toBeDefined();
  });
});
