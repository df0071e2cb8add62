import fc from 'fast-check';
import { canonicalJson, payloadHash, repeatedEventKind } from './payload-identity';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1.0, 1e21, 0.1, -0, 'é\n"'])).toBe('[1,1e+21,0.1,0,"é\\n\\""]');
  });

  it('leaves out undefined members and writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it.each([NaN, Infinity, undefined, 1n, () => 1])(
    'refuses %p, which JSON cannot hold',
    (value) => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    },
  );

  it('gives the same text for any key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value, (_key, v: unknown) => reverseKeys(v)));
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

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

function reverseKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}
