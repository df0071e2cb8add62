import { DomainError } from '@tenantry/common';
import {
  ingestLimits,
  occurredAt,
  readUsageEvent,
  usageEventSchema,
  usageEventsIn,
} from './usage-event';

const event = {
  specversion: '1.0',
  id: 'evt-1',
  source: '//api.acme.example/gateway',
  type: 'com.acme.api.request',
  subject: 'customer-42',
  time: '2026-03-01T12:00:00.123Z',
  data: { path: '/v1/things', status: 200 },
};

const reasonFor = (raw: unknown) => {
  const reading = readUsageEvent(raw);
  return reading.ok ? 'accepted' : reading.reason;
};

describe('usage events', () => {
  it('reads a CloudEvent in JSON structured mode', () => {
    expect(usageEventSchema.parse(event)).toEqual({
      ...event,
      time: new Date('2026-03-01T12:00:00.123Z'),
    });
  });

  it('needs only id, source, type and data, and leaves time absent when not sent', () => {
    const minimal = usageEventSchema.parse({ id: 'a', source: 's', type: 't', data: {} });
    expect(minimal).toEqual({ specversion: '1.0', id: 'a', source: 's', type: 't', data: {} });
    expect(occurredAt(minimal, new Date('2026-03-01T00:00:00Z'))).toEqual(
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(occurredAt(usageEventSchema.parse(event), new Date(0))).toEqual(
      new Date('2026-03-01T12:00:00.123Z'),
    );
  });

  it('drops attributes it does not know, such as a tenantid extension', () => {
    const parsed = usageEventSchema.parse({
      ...event,
      tenantid: 'other',
      datacontenttype: 'application/json',
    });
    expect(parsed).not.toHaveProperty('tenantid');
    expect(parsed).not.toHaveProperty('datacontenttype');
  });

  it.each([
    ['2026-03-01T13:00:00+01:00', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01t12:00:00z', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01T12:00:00.123456789Z', '2026-03-01T12:00:00.123Z'],
    ['2026-03-01T05:30:00.5-06:30', '2026-03-01T12:00:00.500Z'],
  ])('reads the time %s as the instant %s, to the millisecond', (time, instant) => {
    expect(usageEventSchema.parse({ ...event, time }).time?.toISOString()).toBe(instant);
  });

  it.each([
    ['a missing id', { id: undefined }, 'id'],
    ['an empty id', { id: '' }, 'id'],
    ['an id of 257 characters', { id: 'x'.repeat(257) }, 'id'],
    [
      'an id with a control character',
      { id: 'a\u0001b' },
      'id: must not contain control characters',
    ],
    ['a NUL in the subject', { subject: 'a\u0000' }, 'subject: must not contain the NUL character'],
    ['a NUL in a data key', { data: { 'a\u0000': 1 } }, 'data.a\u0000: property name must not'],
    ['a lone surrogate in data', { data: { note: '\ud800' } }, 'data.note: must be well-formed'],
    ['data nested 10,000 deep', { data: { deep: deeplyNested(10_000) } }, 'must not nest'],
    ['the year 0000', { time: '0000-01-01T00:00:00Z' }, 'time'],
    ['an offset of -23:59', { time: '2026-03-01T12:00:00-23:59' }, 'time'],
    ['a missing source', { source: undefined }, 'source'],
    ['a source of 513 characters', { source: 's'.repeat(513) }, 'source'],
    ['a missing type', { type: undefined }, 'type'],
    ['a type with spaces', { type: 'api request' }, 'type'],
    ['an empty subject', { subject: '' }, 'subject'],
    ['a subject of 257 characters', { subject: 's'.repeat(257) }, 'subject'],
    ['a number as subject', { subject: 42 }, 'subject'],
    ['another spec version', { specversion: '0.3' }, 'specversion'],
    [
      'a time without offset',
      { time: '2026-03-01T12:00:00' },
      'time: must be an RFC 3339 date-time',
    ],
    ['a date without time', { time: '2026-03-01' }, 'time'],
    ['an impossible date', { time: '2026-02-30T12:00:00Z' }, 'time'],
    ['a time as epoch number', { time: 1772366400000 }, 'time'],
    ['missing data', { data: undefined }, 'data'],
    ['data that is an array', { data: [1, 2] }, 'data'],
    ['data that is a string', { data: 'x' }, 'data'],
  ])('rejects %s, naming the field', (_what, change, reason) => {
    expect(reasonFor({ ...event, ...change })).toContain(reason);
  });

  it('rejects something that is not an object at all', () => {
    expect(reasonFor('event')).not.toBe('accepted');
    expect(reasonFor(null)).not.toBe('accepted');
  });

  it('rejects an event larger than 64 KiB and accepts one just under it', () => {
    const padded = (bytes: number) => {
      const base = JSON.stringify({ ...event, data: { pad: '' } }).length;
      return { ...event, data: { pad: 'x'.repeat(bytes - base) } };
    };
    expect(JSON.stringify(padded(ingestLimits.maxEventBytes)).length).toBe(65536);
    expect(reasonFor(padded(ingestLimits.maxEventBytes))).toBe('accepted');
    expect(reasonFor(padded(ingestLimits.maxEventBytes + 1))).toBe(
      'event is 65537 bytes; at most 65536 are accepted',
    );
  });

  it('counts size in UTF-8 bytes, not characters', () => {
    const wide = { ...event, data: { text: '€'.repeat(22_000) } };
    expect(reasonFor(wide)).toMatch(/^event is \d+ bytes/);
  });
});

describe('usageEventsIn', () => {
  it('takes one event object as a batch of one', () => {
    expect(usageEventsIn(event)).toEqual([event]);
  });

  it('takes an array of up to 1,000 events', () => {
    expect(usageEventsIn(Array(1000).fill(event))).toHaveLength(1000);
  });

  it.each([
    ['an empty batch', [], 422],
    ['a batch of 1,001', Array(1001).fill(event), 422],
    ['a string', 'events', 400],
    ['null', null, 400],
  ])('refuses %s', (_what, body, status) => {
    let error: unknown;
    try {
      usageEventsIn(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(status);
    expect((error as DomainError).type).toBe('invalid-event-batch');
  });
});

function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}
