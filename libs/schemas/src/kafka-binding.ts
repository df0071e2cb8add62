import {
  parseCloudEventAttributes,
  type CloudEvent,
  type CloudEventAttributes,
} from './cloud-event';
import { EnvelopeError } from './envelope-error';
import { cloudEventsHttpContentTypes, mediaTypeOf } from './http-binding';

/** The Kafka header that carries each attribute (CloudEvents Kafka protocol binding, binary content mode; written by toKafkaMessage). */
export const cloudEventKafkaHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  tenantid: 'ce_tenantid',
  correlationid: 'ce_correlationid',
  actor: 'ce_actor',
  // W3C names, so OpenTelemetry's Kafka propagation and the event agree on one header.
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  datacontenttype: 'content-type',
} as const satisfies Record<keyof CloudEventAttributes, string>;

type AttributeName = keyof typeof cloudEventKafkaHeaders;
const attributeNames = Object.keys(cloudEventKafkaHeaders) as AttributeName[];

/** A message ready for a kafkajs producer. */
export interface OutgoingKafkaMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** A message as a kafkajs consumer receives it (the parts the envelope reads). */
export interface IncomingKafkaMessage {
  /** Not read: the key routes the message, it is not part of the event. */
  key?: Buffer | string | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/** Encodes an event as a binary-mode Kafka message; the key defaults to the tenant id. */
export function toKafkaMessage(
  event: CloudEvent,
  key: string = event.tenantid,
): OutgoingKafkaMessage {
  const headers: Record<string, string> = {};
  for (const attribute of attributeNames) {
    const value = event[attribute];
    if (value !== undefined) headers[cloudEventKafkaHeaders[attribute]] = value;
  }
  return { key, value: Buffer.from(dataAsJson(event.data)), headers };
}

/** The content type of a structured-mode message: the whole event, JSON, in the value. */
export const structuredContentType = cloudEventsHttpContentTypes.structured;

/**
 * Decodes a Kafka message into an event, or throws EnvelopeError saying what is wrong. A
 * message whose content-type is application/cloudevents+json is in structured mode (the
 * event in the value); any other is in binary mode (ce_* headers, the data in the value,
 * content-type optional). Headers it does not know (replay, dead-letter, tracing vendors)
 * are left to others.
 */
export function fromKafkaMessage(message: IncomingKafkaMessage): CloudEvent<unknown> {
  const headers = message.headers ?? {};
  const contentType = headerText(headers, cloudEventKafkaHeaders.datacontenttype);
  // Producers may add parameters (application/json; charset=utf-8); the media type is what counts.
  if (mediaTypeOf(contentType) === structuredContentType) {
    return fromStructuredValue(message.value);
  }
  const candidate: Partial<Record<AttributeName, string>> = {};
  for (const attribute of attributeNames) {
    const value = headerText(headers, cloudEventKafkaHeaders[attribute]);
    if (value !== undefined) candidate[attribute] = value;
  }
  candidate.datacontenttype = mediaTypeOf(candidate.datacontenttype);
  const attributes = parseCloudEventAttributes(
    candidate,
    (attribute) => `header ${cloudEventKafkaHeaders[attribute]}`,
  );
  return { ...attributes, data: dataFromValue(message.value) };
}

/** A structured-mode event: a JSON object of attributes and `data` (JSON data only, no data_base64). */
function fromStructuredValue(value: Buffer | null): CloudEvent<unknown> {
  const json = jsonFromValue(value);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EnvelopeError('a structured-mode value must be one JSON object (the event)');
  }
  const { data, data_base64: binaryData, ...candidate } = json as Record<string, unknown>;
  if (binaryData !== undefined)
    throw new EnvelopeError('data_base64 is not accepted: data must be JSON');
  if (data === undefined) throw new EnvelopeError('missing data (an event always has data)');
  if (typeof candidate.datacontenttype === 'string') {
    candidate.datacontenttype = mediaTypeOf(candidate.datacontenttype);
  }
  const attributes = parseCloudEventAttributes(candidate, (attribute) => `attribute ${attribute}`);
  return { ...attributes, data };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function headerText(headers: NonNullable<IncomingKafkaMessage['headers']>, name: string) {
  const raw = Object.hasOwn(headers, name) ? headers[name] : undefined;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (values.length > 1) throw new EnvelopeError(`header ${name} appears ${values.length} times`);
  const value = values[0];
  if (value === undefined || typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    throw new EnvelopeError(`header ${name} is not valid UTF-8`);
  }
}

function dataFromValue(value: Buffer | null): unknown {
  if (value === null) throw new EnvelopeError('message has no value (an event always has data)');
  return jsonFromValue(value);
}

function jsonFromValue(value: Buffer | null): unknown {
  if (value === null) throw new EnvelopeError('message has no value');
  let json: string;
  try {
    json = utf8.decode(value);
  } catch {
    throw new EnvelopeError('value is not valid UTF-8');
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new EnvelopeError(`value is not valid JSON: ${(error as Error).message}`);
  }
}

function dataAsJson(data: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new EnvelopeError(`data cannot be written as JSON: ${(error as Error).message}`);
  }
  if (json === undefined)
    throw new EnvelopeError(`data cannot be written as JSON: it is ${typeof data}`);
  return json;
}
