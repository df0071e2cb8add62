import { createHash } from 'node:crypto';
import { payloadHash, repeatedEventKind } from './payload-identity';

describe('payloadHash', () => {
  const event = {
    type: 'com.acme.api.request',
    subject: 'customer-42',
    time: new Date('2026-03-01T12:00:00Z'),
    data: { path: '/v1/things', status: 200, tags: ['a', 'b'] },
  };

  it('is a SHA-256 hex digest', () => {
    expect(payloadHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the digest stored raw events were recorded with', () => {
    expect(payloadHash(event)).toBe(
      createHash('sha256')
        .update(
          '{"data":{"path":"/v1/things","status":200,"tags":["a","b"]},"subject":"customer-42",' +
            '"time":"2026-03-01T12:00:00.000Z","type":"com.acme.api.request"}',
        )
        .digest('hex'),
    );
  });

  it('ignores key order in data', () => {
    const reordered = { ...event, data: { tags: ['a', 'b'], status: 200, path: '/v1/things' } };
    expect(payloadHash(reordered)).toBe(payloadHash(event));
  });

  it.each([
    ['type', { type: 'com.acme.api.other' }],
    ['subject', { subject: 'customer-43' }],
    ['absent subject', { subject: undefined }],
    ['time', { time: new Date('2026-03-01T12:00:00.001Z') }],
    ['absent time', { time: undefined }],
    ['a data value', { data: { ...event.data, status: 201 } }],
    ['array order in data', { data: { ...event.data, tags: ['b', 'a'] } }],
    ['a number sent as a string', { data: { ...event.data, status: '200' } }],
  ])('changes with %s', (_what, change) => {
    expect(payloadHash({ ...event, ...change })).not.toBe(payloadHash(event));
  });
});

describe('repeatedEventKind', () => {
  it('calls the same payload a duplicate and another payload a conflict', () => {
    const hash = payloadHash({ type: 't', data: {} });
    expect(repeatedEventKind(hash, payloadHash({ type: 't', data: {} }))).toBe('duplicate');
    expect(repeatedEventKind(hash, payloadHash({ type: 't', data: { n: 1 } }))).toBe('conflict');
  });
});
