import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { cloudEventAttributesSchema, type CloudEvent } from './cloud-event';
import { deadLetterHeaders, deadLetterTopic } from './dead-letter';
import type { EventContract } from './event-contract';
import { cloudEventKafkaHeaders, toKafkaMessage } from './kafka-binding';
import { keyPartitioner } from './partitioning';
import { replayHeader } from './replay-header';
import { topicCatalogue, type TopicSpec } from './topic-catalogue';

type JsonObject = Record<string, unknown>;

const kafka = { bindingVersion: '0.5.0' };

// Shows once, in the header schema, what the Kafka binding writes for an event.
const sampleEvent: CloudEvent = {
  specversion: '1.0',
  id: '0b7c3f0e-2a51-4c4b-9a57-8d6c3f1e9b21',
  source: '/tenantry/gateway',
  type: 'api.request',
  time: '2025-01-31T12:00:00Z',
  tenantid: 'acme',
  correlationid: '5f0c1d2e-8a7b-4c3d-9e8f-a1b2c3d4e5f6',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  datacontenttype: 'application/json',
  data: {},
};

const deadLetterHeaderDescriptions: Record<keyof typeof deadLetterHeaders, string> = {
  id:
    'idempotency key of the dead letter, <consumer>/<origin topic>/<partition>/<offset>: every copy of ' +
    'one failure has the same (a consumer that crashes between the dead-letter send and its offset ' +
    'commit sends it again); readers deduplicate on it',
  error: 'name of the error that stopped processing, e.g. SchemaViolationError',
  reason: 'what was wrong, written for an operator',
  originTopic: 'topic the message was read from',
  originPartition: 'partition it was read from',
  originOffset: 'offset it was read at',
  attempts: 'how many times the consumer tried',
  failedAt: 'when the last attempt failed (RFC 3339)',
  consumer: 'consumer group that gave up on it',
};

/** The AsyncAPI 3.0.0 document of every topic in the catalogue, its dead-letter topic and their events. */
export function generateAsyncApi(catalogue: readonly TopicSpec[] = topicCatalogue): JsonObject {
  const schemas: JsonObject = {
    eventHeaders: eventHeadersSchema(),
    deadLetteredEventHeaders: deadLetteredEventHeadersSchema(),
    deadLetterHeaders: deadLetterHeadersSchema(),
  };
  const messages: JsonObject = {};
  const channels: JsonObject = {};
  const operations: JsonObject = {};

  for (const topic of catalogue) {
    const deadLetters = deadLetterTopic(topic.name);
    const types = topic.events.map((contract) => contract.type);
    for (const contract of topic.events) {
      schemas[contract.type] = componentSchema(contract.data, schemas);
      messages[contract.type] = eventMessage(contract, topic, false);
      messages[`${contract.type}.dead-letter`] = eventMessage(contract, topic, true);
    }
    channels[topic.name] = {
      address: topic.name,
      description: `${topic.description} Key: ${topic.key}. Partitioner: ${keyPartitioner.name}.`,
      messages: Object.fromEntries(
        types.map((type) => [type, ref('components', 'messages', type)]),
      ),
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': topic.retentionMs },
          ...kafka,
        },
      },
    };
    channels[deadLetters] = {
      address: deadLetters,
      description:
        `Dead letters of ${topic.name}: each message as it was read (key, value and headers unchanged) ` +
        'plus the tenantry-dlq-* headers saying why it failed and where it came from.',
      messages: Object.fromEntries(
        types.map((type) => [type, ref('components', 'messages', `${type}.dead-letter`)]),
      ),
      bindings: { kafka: { topic: deadLetters, ...kafka } },
    };
    Object.assign(operations, {
      [`${topic.name}.send`]: operation('send', topic.name, types, 'Publish events.'),
      [`${topic.name}.receive`]: operation(
        'receive',
        topic.name,
        types,
        'Consume events; an idempotent inbox makes redelivered and replayed events take effect once.',
      ),
      [`${deadLetters}.send`]: operation(
        'send',
        deadLetters,
        types,
        'Dead-letter a message the consumer cannot process: at once for an invalid one, after retries for a transient failure.',
      ),
      [`${deadLetters}.receive`]: operation(
        'receive',
        deadLetters,
        types,
        'Inspect dead letters and redrive them to the topic.',
      ),
    });
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tenantry events',
      version: '1.0.0',
      description: [
        'Every Kafka topic Tenantry owns, generated from the topic catalogue in libs/schemas.',
        'Each message is a CloudEvents 1.0 event in the Kafka protocol binding. Tenantry publishes in',
        'binary content mode: attributes are ce_* headers and the value is the JSON data (content-type',
        'application/json, optional). Consumers also accept structured content mode: content-type',
        'application/cloudevents+json and the whole event, JSON, in the value. ce_id is unique per',
        'ce_source and is the idempotency key. ce_time (RFC 3339; T and Z in either case) is optional:',
        'an event without it happened when its consumer received it, the same rule as for',
        "metering's POST /v1/events. Topic names are <domain>.<entity>.v<major>; a change inside a",
        'major version only adds. Messages that cannot be processed go to <topic>.dlq.',
        `Partitioner (every producer, any language): ${keyPartitioner.description}`,
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { schemas, messages },
  };
}

function eventMessage(contract: EventContract, topic: TopicSpec, deadLetter: boolean): JsonObject {
  const type = contract.typePattern
    ? {
        type: 'string',
        pattern: contract.typePattern.source,
        description: 'chosen by the producer',
      }
    : { type: 'string', const: contract.type };
  return {
    name: deadLetter ? `${contract.type}.dead-letter` : contract.type,
    title: deadLetter ? `${contract.type} (dead letter)` : contract.type,
    description: contract.description,
    contentType: 'application/json',
    headers: {
      allOf: [
        ...(deadLetter
          ? [
              ref('components', 'schemas', 'deadLetteredEventHeaders'),
              ref('components', 'schemas', 'deadLetterHeaders'),
            ]
          : [ref('components', 'schemas', 'eventHeaders')]),
        { type: 'object', properties: { [cloudEventKafkaHeaders.type]: type } },
      ],
    },
    payload: ref('components', 'schemas', contract.type),
    bindings: {
      kafka: {
        key: { type: 'string', description: `${topic.key}; partitioned by ${keyPartitioner.name}` },
        ...kafka,
      },
    },
    examples: [{ name: 'example', payload: contract.example }],
  };
}

function operation(action: 'send' | 'receive', channel: string, types: string[], summary: string) {
  return {
    action,
    channel: ref('channels', channel),
    summary,
    messages: types.map((type) => ref('channels', channel, 'messages', type)),
  };
}

function ref(...path: string[]) {
  return { $ref: `#/${path.join('/')}` };
}

function eventHeadersSchema(): JsonObject {
  const attributes = z.toJSONSchema(cloudEventAttributesSchema, {
    target: 'draft-07',
    io: 'input',
  }) as { properties: Record<keyof typeof cloudEventKafkaHeaders, unknown>; required: string[] };
  const header = (attribute: string) =>
    cloudEventKafkaHeaders[attribute as keyof typeof cloudEventKafkaHeaders];
  return {
    type: 'object',
    description:
      'CloudEvents 1.0 attributes as Kafka headers (Kafka protocol binding, binary content mode), ' +
      `and ${replayHeader} on a republished message.`,
    properties: {
      ...Object.fromEntries(
        Object.entries(attributes.properties).map(([attribute, schema]) => [
          header(attribute),
          schema,
        ]),
      ),
      [replayHeader]: {
        type: 'string',
        pattern: '^[A-Za-z0-9._-]+/[0-9]+/[0-9]+$',
        description:
          'on a replayed or redriven message: where it was read from, as topic/partition/offset',
      },
    },
    required: attributes.required.map(header),
    examples: [toKafkaMessage(sampleEvent).headers],
  };
}

/**
 * The original headers on a dead letter, as they were read: a message dead-lettered for its
 * envelope may lack any CloudEvents header, so none is required.
 */
function deadLetteredEventHeadersSchema(): JsonObject {
  const { required: _required, examples: _examples, ...headers } = eventHeadersSchema();
  return {
    ...headers,
    description:
      'The headers of the message as it was read; an envelope failure may have left any CloudEvents header out.',
  };
}

function deadLetterHeadersSchema(): JsonObject {
  const names = Object.keys(deadLetterHeaders) as (keyof typeof deadLetterHeaders)[];
  return {
    type: 'object',
    description: 'Why a dead letter failed and where it came from.',
    properties: Object.fromEntries(
      names.map((name) => [
        deadLetterHeaders[name],
        { type: 'string', description: deadLetterHeaderDescriptions[name] },
      ]),
    ),
    required: names.map((name) => deadLetterHeaders[name]),
  };
}

/**
 * The draft-07 schema (AsyncAPI's own dialect) of an event's data, with its definitions moved
 * into components.schemas so that every $ref resolves inside the one document.
 */
function componentSchema(data: z.ZodType, schemas: JsonObject): JsonObject {
  const {
    $schema: _dialect,
    definitions = {},
    ...schema
  } = z.toJSONSchema(data, { target: 'draft-07', io: 'input' }) as JsonObject & {
    definitions?: JsonObject;
  };
  for (const [name, definition] of Object.entries(definitions)) {
    const moved = withComponentRefs(definition);
    if (name in schemas && !isDeepStrictEqual(schemas[name], moved)) {
      throw new Error(
        `two event schemas define ${name} differently: give shared schemas a .meta({ id })`,
      );
    }
    schemas[name] = moved;
  }
  return withComponentRefs(schema) as JsonObject;
}

function withComponentRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string'
      ? value.replace(/^#\/definitions\//, '#/components/schemas/')
      : value,
  );
}
