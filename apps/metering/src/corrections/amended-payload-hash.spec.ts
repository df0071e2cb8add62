import { payloadHash } from '@tenantry/metering-core';
import { amendedPayloadHash } from './amended-payload-hash';

const time = new Date('2026-03-01T12:00:00.250Z');

describe('the payload hash of an amended event', () => {
  it('is the hash of the event as sent with the new data, when it sent its time', () => {
    const sent = { type: 'llm.tokens', subject: 'user-1', time, data: { tokens: 10 } };
    const stored = { ...sent, payloadHash: payloadHash(sent) };
    expect(amendedPayloadHash(stored, { tokens: 12 })).toBe(
      payloadHash({ ...sent, data: { tokens: 12 } }),
    );
  });

  it('leaves the time out when the event came without one (it took its arrival time)', () => {
    const sent = { type: 'llm.tokens', data: { tokens: 10 } };
    const stored = { ...sent, subject: '', time, payloadHash: payloadHash(sent) };
    expect(amendedPayloadHash(stored, { tokens: 12 })).toBe(
      payloadHash({ type: 'llm.tokens', data: { tokens: 12 } }),
    );
  });

  it('ignores key order in the stored data', () => {
    const sent = { type: 'a.b', time, data: { a: 1, b: 2 } };
    const stored = { ...sent, subject: '', data: { b: 2, a: 1 }, payloadHash: payloadHash(sent) };
    expect(amendedPayloadHash(stored, { a: 1, b: 3 })).toBe(
      payloadHash({ ...sent, data: { b: 3, a: 1 } }),
    );
  });
});
