import {
  addMeasurement,
  compileMeter,
  emptyBucket,
  latestTiebreak,
  measure,
  parseUsageDecimal,
  usageDecimalString,
  type BucketState,
  type MeterDefinition,
} from '@tenantry/metering-core';
import fc from 'fast-check';
import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

const meters: MeterDefinition[] = [
  {
    key: 'tokens',
    eventType: 'llm.tokens',
    aggregation: 'SUM',
    valueProperty: '$.tokens',
    groupBy: { model: '$.model' },
  },
  { key: 'calls', eventType: 'llm.tokens', aggregation: 'COUNT', groupBy: {} },
  {
    key: 'peak',
    eventType: 'llm.tokens',
    aggregation: 'MAX',
    valueProperty: '$.latency',
    groupBy: {},
  },
  {
    key: 'floor',
    eventType: 'llm.tokens',
    aggregation: 'MIN',
    valueProperty: '$.latency',
    groupBy: { model: '$.model' },
  },
  {
    key: 'users',
    eventType: 'llm.tokens',
    aggregation: 'UNIQUE_COUNT',
    valueProperty: '$.user',
    groupBy: { model: '$.model' },
  },
  {
    key: 'last',
    eventType: 'llm.tokens',
    aggregation: 'LATEST',
    valueProperty: '$.tokens',
    groupBy: {},
  },
];
const compiled = meters.map(compileMeter);

interface RawEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  data: Record<string, unknown>;
}

/** A bucket as the assertions compare it: the state and, for UNIQUE_COUNT, the distinct values. */
interface Bucket {
  state: BucketState;
  distinct: string[];
}

/** What the buckets must hold: every event that stands, with its current data, measured afresh. */
function bruteForceBuckets(events: Iterable<RawEvent>): Map<string, Bucket> {
  const buckets = new Map<string, { state: BucketState; distinct: Set<string> }>();
  for (const event of events) {
    const time = new Date(event.time);
    for (const meter of compiled) {
      const measured = measure(meter, {
        type: event.type,
        subject: event.subject,
        time,
        data: event.data,
      });
      if (measured.kind !== 'measured') continue;
      const key = JSON.stringify([
        meter.key,
        measured.bucketStart.toISOString(),
        measured.subject,
        measured.groupKey,
      ]);
      const bucket = buckets.get(key) ?? { state: emptyBucket(), distinct: new Set<string>() };
      const unique = meter.aggregation === 'UNIQUE_COUNT';
      if (unique) bucket.distinct.add(measured.value);
      bucket.state = addMeasurement(
        bucket.state,
        unique ? '1' : measured.value,
        time,
        latestTiebreak(event.source, event.id),
      );
      buckets.set(key, bucket);
    }
  }
  return new Map(
    [...buckets].map(([key, { state, distinct }]) => [
      key,
      { state, distinct: [...distinct].sort() },
    ]),
  );
}

/** Deterministic pseudo-random integers below `n` (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe('void and amend of usage events', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  const call = (tenant: string, method: string, path: string, body?: unknown, roles?: string[]) =>
    service.call<Record<string, unknown>>(tenant, method, path, body, roles);

  const eventPath = (id: string, action: string) =>
    `/v1/events/${encodeURIComponent(id)}/${action}`;

  async function defineMeters(tenant: string): Promise<void> {
    for (const meter of meters) await service.defineMeter(tenant, meter);
  }

  async function ingest(tenant: string, events: RawEvent[]): Promise<void> {
    const answer = await call(tenant, 'POST', '/v1/events', events);
    expect(answer).toMatchObject({ status: 200, body: { accepted: events.length } });
  }

  async function storedBuckets(tenant: string): Promise<Map<string, Bucket>> {
    const { rows } = await service.owner.query(
      `SELECT meter_key, bucket_start, subject, group_key, count::text, sum::text, min::text, max::text,
              latest_value::text, latest_time, latest_tiebreak
         FROM metering.usage_buckets WHERE tenant_id = $1`,
      [tenant],
    );
    const distinct = await service.owner.query(
      `SELECT meter_key, bucket_start, subject, group_key, value FROM metering.usage_distinct_values WHERE tenant_id = $1`,
      [tenant],
    );
    const keyOf = (row: {
      meter_key: string;
      bucket_start: Date;
      subject: string;
      group_key: string;
    }) =>
      JSON.stringify([row.meter_key, row.bucket_start.toISOString(), row.subject, row.group_key]);
    const decimal = (text: string | null) =>
      text === null ? null : usageDecimalString(parseUsageDecimal(text));
    const buckets = new Map<string, Bucket>(
      rows.map((row) => [
        keyOf(row),
        {
          state: {
            count: decimal(row.count)!,
            sum: decimal(row.sum)!,
            min: decimal(row.min),
            max: decimal(row.max),
            latest:
              row.latest_time === null
                ? null
                : {
                    time: row.latest_time.toISOString(),
                    value: decimal(row.latest_value)!,
                    tiebreak: row.latest_tiebreak,
                  },
          },
          distinct: [],
        },
      ]),
    );
    for (const row of distinct.rows) {
      const bucket = buckets.get(keyOf(row));
      if (bucket === undefined)
        throw new Error(`a distinct value without its bucket: ${keyOf(row)}`);
      bucket.distinct.push(row.value);
    }
    for (const bucket of buckets.values()) bucket.distinct.sort();
    return buckets;
  }

  const minute = 60_000;
  const firstMinute = () => Math.floor((Date.now() - 10 * minute) / minute) * minute;

  function generateEvents(
    next: (n: number) => number,
    prefix: string,
    count: number,
    start: number,
  ): RawEvent[] {
    return Array.from({ length: count }, (_, index) => {
      const subject = ['user-1', 'user-2', ''][next(3)]!;
      return {
        id: `${prefix}-${index}`,
        source: ['gateway', 'inquiries'][next(2)]!,
        type: 'llm.tokens',
        ...(subject === '' ? {} : { subject }),
        time: new Date(start + next(3) * minute + next(minute)).toISOString(),
        data: changedData(next),
      };
    });
  }

  function changedData(next: (n: number) => number): Record<string, unknown> {
    return {
      tokens: next(4) === 0 ? `${next(500)}.${next(100)}` : next(500),
      model: ['small', 'large'][next(2)],
      latency: `${next(900)}.${next(10)}`,
      user: `u${next(6)}`,
    };
  }

  it('gives the same buckets as a recomputation from the raw events, for every aggregation', async () => {
    const tenant = 'fix-co';
    await defineMeters(tenant);
    const seed = Date.now() % 2 ** 31;
    const next = randomSource(seed);
    const events = generateEvents(next, 'e', 80, firstMinute());
    await ingest(tenant, events);
    const standing = new Map(events.map((event) => [event.id, event]));
    expect(await storedBuckets(tenant)).toEqual(bruteForceBuckets(standing.values()));

    for (let round = 0; round < 40; round++) {
      const ids = [...standing.keys()];
      const id = ids[next(ids.length)]!;
      const event = standing.get(id)!;
      if (next(3) === 0) {
        expect(
          (await call(tenant, 'POST', eventPath(id, 'void'), { reason: `round ${round}` })).status,
        ).toBe(200);
        standing.delete(id);
      } else {
        const data = changedData(next);
        const answer = await call(tenant, 'POST', eventPath(id, 'amend'), {
          data,
          reason: `round ${round}`,
        });
        expect({ seed, round, status: answer.status }).toEqual({ seed, round, status: 200 });
        standing.set(id, { ...event, data });
      }
    }
    expect(await storedBuckets(tenant)).toEqual(bruteForceBuckets(standing.values()));
  });

  it('stays exact while usage keeps arriving in the minutes being corrected', async () => {
    const tenant = 'busy-co';
    await defineMeters(tenant);
    const next = randomSource(7);
    const start = firstMinute();
    const events = generateEvents(next, 'b', 40, start);
    await ingest(tenant, events);
    const standing = new Map(events.map((event) => [event.id, event]));
    const arrivals = Array.from({ length: 8 }, (_, batch) =>
      generateEvents(next, `late-${batch}`, 10, start),
    );
    const corrections = events.slice(0, 16).map((event, index) => {
      if (index % 2 === 0) {
        standing.delete(event.id);
        return { id: event.id, action: 'void', body: { reason: 'duplicate billing' } };
      }
      const data = changedData(next);
      standing.set(event.id, { ...event, data });
      return { id: event.id, action: 'amend', body: { data, reason: 'wrong count' } };
    });
    for (const batch of arrivals) for (const event of batch) standing.set(event.id, event);

    const answers = await Promise.all([
      ...arrivals.map((batch) => call(tenant, 'POST', '/v1/events', batch)),
      ...corrections.map(({ id, action, body }) =>
        call(tenant, 'POST', eventPath(id, action), body),
      ),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(await storedBuckets(tenant)).toEqual(bruteForceBuckets(standing.values()));
  });

  it('keeps an audit trail: who, when, why, before and after', async () => {
    const tenant = 'audit-co';
    await defineMeters(tenant);
    const time = new Date(firstMinute()).toISOString();
    const original = { tokens: 10, model: 'small', latency: '1', user: 'u1' };
    await ingest(tenant, [
      { id: 'a-1', source: 'gateway', type: 'llm.tokens', subject: 'user-1', time, data: original },
    ]);
    const amended = { ...original, tokens: 12 };
    const amend = await call(tenant, 'POST', eventPath('a-1', 'amend'), {
      data: amended,
      reason: 'meter misread',
    });
    expect(amend).toMatchObject({
      status: 200,
      body: {
        eventId: 'a-1',
        source: 'gateway',
        action: 'amend',
        actor: `tester@${tenant}`,
        reason: 'meter misread',
        before: { type: 'llm.tokens', subject: 'user-1', time, data: original, revision: 0 },
        after: { type: 'llm.tokens', subject: 'user-1', time, data: amended, revision: 1 },
      },
    });
    await call(tenant, 'POST', eventPath('a-1', 'void'), { reason: 'test traffic' });

    const trail = await call(tenant, 'GET', '/v1/events/a-1/corrections', undefined, [
      'metering:read',
    ]);
    expect(trail).toMatchObject({
      status: 200,
      body: {
        data: [
          { action: 'amend', reason: 'meter misread', after: { data: amended } },
          {
            action: 'void',
            reason: 'test traffic',
            before: { data: amended, revision: 1 },
            after: null,
          },
        ],
      },
    });
    const [first] = trail.body.data as Array<{ createdAt: string }>;
    expect(Date.parse(first!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(trail.body).toMatchObject({ nextCursor: null });
    const firstPage = await call(tenant, 'GET', '/v1/events/a-1/corrections?limit=1');
    expect(firstPage.body).toMatchObject({
      data: [{ action: 'amend' }],
      nextCursor: expect.any(String),
    });
    expect(
      await call(
        tenant,
        'GET',
        `/v1/events/a-1/corrections?limit=1&cursor=${String(firstPage.body['nextCursor'])}`,
      ),
    ).toMatchObject({ body: { data: [{ action: 'void' }], nextCursor: null } });
    expect(await call(tenant, 'GET', '/v1/events/a-1/corrections?limit=none')).toMatchObject({
      status: 400,
      body: { type: 'urn:tenantry:problem:invalid-query-parameters' },
    });
    const { rows } = await service.owner.query(
      `SELECT voided_at IS NOT NULL AS voided, revision, data FROM metering.events WHERE tenant_id = $1 AND event_id = 'a-1'`,
      [tenant],
    );
    expect(rows).toEqual([{ voided: true, revision: 2, data: amended }]);
  });

  it('answers the amended event sent again as a duplicate, and the superseded one as a conflict', async () => {
    const tenant = 'resend-co';
    await defineMeters(tenant);
    const event = {
      id: 'r-1',
      source: 'gateway',
      type: 'llm.tokens',
      time: new Date(firstMinute()).toISOString(),
      data: { tokens: 10, model: 'small', latency: '1', user: 'u1' },
    };
    await ingest(tenant, [event]);
    const amended = { ...event.data, tokens: 11 };
    await call(tenant, 'POST', eventPath('r-1', 'amend'), { data: amended, reason: 'fix' });
    expect(
      await call(tenant, 'POST', '/v1/events', [{ ...event, data: amended }, event]),
    ).toMatchObject({
      body: { duplicate: 1, conflict: 1 },
    });
  });

  it('tells the quotas: a correction moves the balance and can exhaust a quota', async () => {
    const tenant = 'quota-co';
    await defineMeters(tenant);
    await call(tenant, 'PUT', '/v1/quotas/tokens', {
      limit: '100',
      period: 'MONTH',
      enforcement: 'hard',
    });
    const base = {
      source: 'gateway',
      type: 'llm.tokens',
      time: new Date(firstMinute()).toISOString(),
    };
    const data = { tokens: 40, model: 'small', latency: '1', user: 'u1' };
    await ingest(tenant, [
      { ...base, id: 'q-1', data },
      { ...base, id: 'q-2', data },
    ]);
    await call(tenant, 'POST', eventPath('q-1', 'void'), { reason: 'test traffic' });
    expect((await call(tenant, 'GET', '/v1/quotas/tokens/balance')).body).toMatchObject({
      used: '40',
    });
    await call(tenant, 'POST', eventPath('q-2', 'amend'), {
      data: { ...data, tokens: 100 },
      reason: 'undercounted',
    });
    const { rows } = await service.owner.query(
      `SELECT kind, threshold::text FROM metering.quota_notices WHERE tenant_id = $1 ORDER BY threshold`,
      [tenant],
    );
    expect(rows).toEqual([
      { kind: 'threshold.crossed', threshold: '0.8' },
      { kind: 'exhausted', threshold: '1' },
    ]);
  });

  it('refuses unknown, ambiguous, voided and unchanged events, and amendments ingestion would reject', async () => {
    const tenant = 'strict-co';
    await defineMeters(tenant);
    const base = { type: 'llm.tokens', time: new Date(firstMinute()).toISOString() };
    const data = { tokens: 5, model: 'small', latency: '2', user: 'u1' };
    await ingest(tenant, [
      { ...base, id: 'shared', source: 'gateway', data },
      { ...base, id: 'shared', source: 'inquiries', data },
      { ...base, id: 'solo', source: 'gateway', data },
    ]);
    const problem = (status: number, type: string) => ({
      status,
      type: expect.stringContaining('application/problem+json'),
      body: expect.objectContaining({ type: `urn:tenantry:problem:${type}` }),
    });

    expect(await call(tenant, 'POST', eventPath('nothing', 'void'), { reason: 'x' })).toMatchObject(
      problem(404, 'usage-event-not-found'),
    );
    expect(
      await call(tenant, 'POST', eventPath('solo', 'void'), { reason: 'x', source: 'billing' }),
    ).toMatchObject(problem(404, 'usage-event-not-found'));
    expect(await call(tenant, 'POST', eventPath('shared', 'void'), { reason: 'x' })).toMatchObject({
      ...problem(409, 'ambiguous-usage-event'),
      body: expect.objectContaining({ sources: ['gateway', 'inquiries'] }),
    });
    expect(
      await call(tenant, 'POST', eventPath('shared', 'void'), { reason: 'x', source: 'inquiries' }),
    ).toMatchObject({
      status: 200,
      body: { source: 'inquiries' },
    });
    expect(
      await call(tenant, 'POST', eventPath('shared', 'void'), { reason: 'x', source: 'inquiries' }),
    ).toMatchObject(problem(409, 'usage-event-voided'));
    expect(
      await call(tenant, 'POST', eventPath('shared', 'amend'), {
        reason: 'x',
        source: 'inquiries',
        data,
      }),
    ).toMatchObject(problem(409, 'usage-event-voided'));

    const amend = (body: unknown) => call(tenant, 'POST', eventPath('solo', 'amend'), body);
    expect(await amend({ reason: 'x', data: { ...data, tokens: 'lots' } })).toMatchObject(
      problem(422, 'usage-event-rejected'),
    );
    expect(await amend({ reason: 'x', data: { ...data, latency: undefined } })).toMatchObject(
      problem(422, 'usage-event-rejected'),
    );
    expect(await amend({ reason: 'x', data: { ...data, pad: 'x'.repeat(70_000) } })).toMatchObject(
      problem(422, 'usage-event-rejected'),
    );
    expect(await amend({ reason: 'x', data: { ...data } })).toMatchObject(
      problem(409, 'usage-event-unchanged'),
    );
    expect(await amend({ reason: 'x' })).toMatchObject(problem(422, 'validation-failed'));
    expect(await amend({ data })).toMatchObject(problem(422, 'validation-failed'));
    expect(
      await call(tenant, 'POST', eventPath('solo', 'void'), { reason: 'x' }, ['metering:write']),
    ).toMatchObject({
      status: 403,
    });
    expect(await call(tenant, 'GET', '/v1/events/nothing/corrections')).toMatchObject(
      problem(404, 'usage-event-not-found'),
    );
    expect(
      await call('other-co', 'POST', eventPath('solo', 'void'), { reason: 'x' }),
    ).toMatchObject(problem(404, 'usage-event-not-found'));
    const { rows } = await service.owner.query(
      `SELECT event_id, source, action FROM metering.corrections WHERE tenant_id = $1`,
      [tenant],
    );
    expect(rows).toEqual([{ event_id: 'shared', source: 'inquiries', action: 'void' }]);
  });

  it('recomputes a property-based sample of correction sequences exactly', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ target: fc.nat(9), kind: fc.constantFrom('void', 'amend'), seed: fc.nat() }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (steps) => {
          const tenant = `prop-${++run}`;
          await defineMeters(tenant);
          const events = generateEvents(randomSource(run), 'p', 10, firstMinute());
          await ingest(tenant, events);
          const standing = new Map(events.map((event) => [event.id, event]));
          for (const { target, kind, seed } of steps) {
            const event = events[target]!;
            if (!standing.has(event.id)) continue;
            if (kind === 'void') {
              await call(tenant, 'POST', eventPath(event.id, 'void'), { reason: 'sample' });
              standing.delete(event.id);
            } else {
              const data = changedData(randomSource(seed));
              const answer = await call(tenant, 'POST', eventPath(event.id, 'amend'), {
                data,
                reason: 'sample',
              });
              if (answer.status === 200) standing.set(event.id, { ...event, data });
            }
          }
          expect(await storedBuckets(tenant)).toEqual(bruteForceBuckets(standing.values()));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('documents the correction endpoints in the OpenAPI document', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/events/{id}/void',
        '/v1/events/{id}/amend',
        '/v1/events/{id}/corrections',
      ]),
    );
  });
});
