import fc from 'fast-check';
import { cloudEventAttributesSchema, createCloudEvent, type CloudEvent } from './cloud-event';
import { EnvelopeError } from './envelope-error';
import {
  cloudEventKafkaHeaders,
  fromKafkaMessage,
  structuredContentType,
  toKafkaMessage,
  type IncomingKafkaMessage,
} from './kafka-binding';
import { tenantIdPattern } from './tenant-id';

// What kafkajs hands a consumer: every header and the key as bytes.
function overTheWire(event: CloudEvent, key?: string): IncomingKafkaMessage {
  const message = toKafkaMessage(event, key);
  return {
    key: Buffer.from(message.key),
    value: message.value,
    headers: Object.fromEntries(
      Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)]),
    ),
  };
}

function envelopeReason(message: IncomingKafkaMessage): string {
  try {
    fromKafkaMessage(message);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvelopeError);
    return (error as EnvelopeError).reason;
  }
  throw new Error('expected an EnvelopeError');
}

const event = createCloudEvent(
  {
    source: '/tenantry/gateway',
    type: 'api.request',
    tenantid: 'acme',
    subject: 'route/POST /v1/inquiries',
    correlationid: 'corr-1',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: { requests: 1, labels: { plan: 'pro' } },
  },
  () => new Date('2025-03-01T10:15:30Z'),
);

const text = fc
  .oneof(fc.string({ minLength: 1 }), fc.string({ minLength: 1, unit: 'grapheme' }))
  .filter((value) => !/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u.test(value));
const time = fc
  .tuple(
    fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('Z', '+00:00', '+05:30', '-08:00'),
  )
  .map(([date, offset]) => date.toISOString().replace('Z', offset));
const anyEvent: fc.Arbitrary<CloudEvent> = fc
  .record(
    {
      id: text,
      source: text,
      type: text,
      time,
      tenantid: fc.stringMatching(tenantIdPattern),
      subject: text,
      correlationid: text,
      actor: text,
      traceparent: fc.string(),
      tracestate: fc.string(),
      data: fc.jsonValue({ stringUnit: 'grapheme' }),
    },
    { requiredKeys: ['id', 'source', 'type', 'time', 'tenantid', 'data'] },
  )
  .map((attributes) => ({
    specversion: '1.0',
    datacontenttype: 'application/json',
    ...attributes,
  }));

describe('toKafkaMessage', () => {
  it('puts the attributes in ce_ headers, the data in the value and the tenant in the key', () => {
    const message = toKafkaMessage(event);
    expect(message.key).toBe('acme');
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/tenantry/gateway',
      ce_type: 'api.request',
      ce_time: '2025-03-01T10:15:30.000Z',
      ce_subject: 'route/POST /v1/inquiries',
      ce_tenantid: 'acme',
      ce_correlationid: 'corr-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value.toString('utf8'))).toEqual({
      requests: 1,
      labels: { plan: 'pro' },
    });
  });

  it('uses the key it is given', () => {
    expect(toKafkaMessage(event, 'acme/inquiry-7').key).toBe('acme/inquiry-7');
  });

  it('refuses data that JSON cannot carry', () => {
    expect(() => toKafkaMessage({ ...event, data: undefined })).toThrow(EnvelopeError);
    expect(() => toKafkaMessage({ ...event, data: { quantity: 1n } })).toThrow(EnvelopeError);
  });
});

describe('fromKafkaMessage', () => {
  it('gives back every event it was given, whatever its attributes and data', () => {
    fc.assert(
      fc.property(anyEvent, fc.boolean(), (original, asBytes) => {
        const message = asBytes ? overTheWire(original) : toKafkaMessage(original);
        expect(fromKafkaMessage(message)).toStrictEqual({
          ...original,
          data: JSON.parse(JSON.stringify(original.data)),
        });
      }),
    );
  });

  it('ignores headers that are not its own', () => {
    const message = overTheWire(event);
    message.headers!['tenantry-replayed-from'] = Buffer.from('metering.usage.v1/3/1042');
    expect(fromKafkaMessage(message)).toStrictEqual(event);
  });

  it('accepts a JSON content type with parameters', () => {
    const message = overTheWire(event);
    message.headers!['content-type'] = 'Application/JSON; charset=utf-8';
    expect(fromKafkaMessage(message).datacontenttype).toBe('application/json');
  });

  it('takes a message without content-type or ce_time: both are optional', () => {
    const message = overTheWire(event);
    delete message.headers!['content-type'];
    delete message.headers!.ce_time;
    const decoded = fromKafkaMessage(message);
    expect(decoded.datacontenttype).toBe('application/json');
    expect(decoded).not.toHaveProperty('time');
    expect(decoded.data).toEqual(event.data);
  });

  it('accepts the lowercase t and z RFC 3339 allows', () => {
    const message = overTheWire(event);
    message.headers!.ce_time = '2025-03-01t10:15:30.5z';
    expect(fromKafkaMessage(message).time).toBe('2025-03-01t10:15:30.5z');
  });

  it.each([
    ['a missing ce_id', { ce_id: undefined }, 'missing header ce_id'],
    [
      'a time without offset',
      { ce_time: '2025-03-01 10:15' },
      'header ce_time must be an RFC 3339 date-time',
    ],
    [
      'a time on a day that does not exist',
      { ce_time: '2025-02-30T10:15:30Z' },
      'header ce_time must be an RFC 3339 date-time',
    ],
    ['a bad tenant id', { ce_tenantid: 'ACME' }, 'header ce_tenantid must be 1 to 63 lowercase'],
    ['another spec version', { ce_specversion: '0.3' }, 'header ce_specversion must be 1.0'],
    [
      'another content type',
      { 'content-type': 'application/avro' },
      'header content-type must be application/json',
    ],
    ['a repeated header', { ce_id: ['a', 'b'] }, 'header ce_id appears 2 times'],
    [
      'a header that is not UTF-8',
      { ce_source: Buffer.from([0xc3, 0x28]) },
      'header ce_source is not valid UTF-8',
    ],
  ])('refuses %s', (_case, headers, reason) => {
    const message = overTheWire(event);
    expect(envelopeReason({ ...message, headers: { ...message.headers, ...headers } })).toContain(
      reason,
    );
  });

  it('refuses a value that is not JSON, quoting the parser', () => {
    expect(envelopeReason({ ...overTheWire(event), value: Buffer.from('{"requests": 1') })).toMatch(
      /^value is not valid JSON: /,
    );
  });

  it('refuses a message without a value', () => {
    expect(envelopeReason({ ...overTheWire(event), value: null })).toBe(
      'message has no value (an event always has data)',
    );
  });

  it('refuses a message without headers, naming the first missing one', () => {
    expect(envelopeReason({ value: Buffer.from('{}') })).toMatch(/^missing header ce_specversion/);
  });

  describe('in structured mode', () => {
    const structured = (value: unknown, contentType: string = structuredContentType) => ({
      key: Buffer.from('acme'),
      value: Buffer.from(JSON.stringify(value)),
      headers: { 'content-type': Buffer.from(contentType) },
    });
    const { specversion, id, source, type, time, tenantid, data } = event;

    it('reads the whole event from the value', () => {
      const decoded = fromKafkaMessage(
        structured(
          { specversion, id, source, type, time, tenantid, data },
          'application/cloudevents+json; charset=UTF-8',
        ),
      );
      expect(decoded).toEqual({
        specversion,
        id,
        source,
        type,
        time,
        tenantid,
        datacontenttype: 'application/json',
        data,
      });
    });

    it('decodes the event binary mode carries to the same event', () => {
      const { subject, correlationid, traceparent, datacontenttype } = event;
      const asStructured = structured({
        ...{ specversion, id, source, type, time, tenantid, subject, correlationid },
        ...{ traceparent, datacontenttype, data },
      });
      expect(fromKafkaMessage(asStructured)).toEqual(fromKafkaMessage(overTheWire(event)));
    });

    it.each([
      ['a value that is not an object', [1, 2], 'a structured-mode value must be one JSON object'],
      [
        'binary data',
        { specversion, id, source, type, tenantid, data_base64: 'AA==' },
        'data_base64',
      ],
      ['an event without data', { specversion, id, source, type, tenantid }, 'missing data'],
      ['a bad attribute', { specversion, source, type, tenantid, data }, 'missing attribute id'],
    ])('refuses %s', (_case, value, reason) => {
      expect(envelopeReason(structured(value))).toContain(reason);
    });
  });

  const bytes = fc.uint8Array({ maxLength: 64 }).map((array) => Buffer.from(array));
  const headerValue = fc.oneof(
    fc.string(),
    bytes,
    fc.array(fc.oneof(fc.string(), bytes), { maxLength: 3 }),
    fc.constant(undefined),
  );
  const junkValue = fc.oneof(
    fc.constant(null),
    bytes,
    fc.string({ unit: 'binary' }).map((value) => Buffer.from(value)),
    fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value))),
  );
  const headerName = fc.oneof(
    fc.constantFrom(...Object.values(cloudEventKafkaHeaders)),
    fc.string(),
  );

  it('throws nothing but EnvelopeError on junk, and what it accepts is a valid envelope', () => {
    fc.assert(
      fc.property(
        anyEvent,
        fc.dictionary(headerName, headerValue),
        fc.subarray(Object.values(cloudEventKafkaHeaders)),
        fc.option(junkValue, { nil: undefined }),
        (original, junkHeaders, dropped, value) => {
          const message = overTheWire(original);
          for (const name of dropped) delete message.headers![name];
          const junk = {
            ...message,
            headers: { ...message.headers, ...junkHeaders },
            value: value === undefined ? message.value : value,
          };
          try {
            const decoded = fromKafkaMessage(junk);
            expect(cloudEventAttributesSchema.safeParse(decoded).success).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(EnvelopeError);
          }
        },
      ),
    );
  });
});
