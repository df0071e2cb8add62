// A generated usage stream with known truth: duplicates, conflicting duplicates, rejects,
// out-of-order and late events, over several tenants and meters.
import { randomUUID } from 'node:crypto';
import type { MeterDefinition } from '@tenantry/metering-core';
import fc from 'fast-check';

export const streamMeters: MeterDefinition[] = [
  {
    key: 'tokens',
    eventType: 'llm.tokens',
    aggregation: 'SUM',
    valueProperty: '$.tokens',
    groupBy: { model: '$.model' },
  },
  { key: 'calls', eventType: 'llm.tokens', aggregation: 'COUNT', groupBy: {} },
  {
    key: 'peak-latency',
    eventType: 'llm.tokens',
    aggregation: 'MAX',
    valueProperty: '$.latency',
    groupBy: {},
  },
  {
    key: 'fastest',
    eventType: 'llm.tokens',
    aggregation: 'MIN',
    valueProperty: '$.latency',
    groupBy: {},
  },
  {
    key: 'mean-latency',
    eventType: 'llm.tokens',
    aggregation: 'AVG',
    valueProperty: '$.latency',
    groupBy: { model: '$.model' },
  },
  {
    key: 'users',
    eventType: 'llm.tokens',
    aggregation: 'UNIQUE_COUNT',
    valueProperty: '$.user',
    groupBy: {},
  },
  {
    key: 'balance',
    eventType: 'llm.tokens',
    aggregation: 'LATEST',
    valueProperty: '$.tokens',
    groupBy: {},
  },
];

export interface StreamEvent {
  tenantid: string;
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  data: { tokens: number | string; model: string; latency: string; user: string };
  /** What the service must make of it when it arrives where it stands in the stream. */
  expected: 'first' | 'duplicate' | 'conflict' | 'rejected';
}

/** `count` events over `tenants`, times within the last `days` days, in a shuffled (out-of-order) sequence. */
export function generateUsageStream({
  count,
  tenants,
  days,
  seed,
}: {
  count: number;
  tenants: string[];
  days: number;
  seed: number;
}): StreamEvent[] {
  const random = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { numRuns: count * 8, seed });
  let cursor = 0;
  const next = (modulo: number) => random[cursor++ % random.length]! % modulo;
  const now = Date.now();
  const firsts: StreamEvent[] = [];
  const stream: StreamEvent[] = [];
  while (stream.length < count) {
    const roll = next(100);
    if (roll < 10 && firsts.length > 0) {
      const original = firsts[next(firsts.length)]!;
      stream.push({ ...original, expected: 'duplicate' });
    } else if (roll < 11 && firsts.length > 0) {
      const original = firsts[next(firsts.length)]!;
      stream.push({
        ...original,
        data: { ...original.data, tokens: original.data.tokens === 1 ? 2 : 1 },
        expected: 'conflict',
      });
    } else if (roll < 12) {
      stream.push({
        ...freshEvent(),
        data: { tokens: 'lots', model: 'a', latency: '1', user: 'u1' },
        expected: 'rejected',
      });
    } else {
      const event = freshEvent();
      firsts.push(event);
      stream.push(event);
    }
  }
  return stream;

  function freshEvent(): StreamEvent {
    // Mostly recent, some days old (late), in no particular order.
    const ageMs = next(10) < 8 ? next(3_600_000) : next(days * 86_400_000);
    const tokens = next(5) === 0 ? `${next(1000)}.${next(100)}` : next(1000);
    return {
      tenantid: tenants[next(tenants.length)]!,
      id: randomUUID(),
      source: `svc-${next(3)}`,
      type: 'llm.tokens',
      subject: `customer-${next(20)}`,
      time: new Date(now - ageMs - next(1000)).toISOString(),
      data: {
        tokens,
        model: ['a', 'b', 'c'][next(3)]!,
        latency: `${next(5000)}.${next(1000)}`,
        user: `u${next(50)}`,
      },
      expected: 'first',
    };
  }
}
