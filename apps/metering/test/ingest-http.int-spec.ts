import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

/** A single result, a batch answer or a problem: the fields the assertions read. */
interface IngestAnswer {
  status?: string | number;
  results: Array<{ status: string; reason?: string }>;
}

describe('POST /v1/events', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
    await service.defineMeter('acme', {
      key: 'tokens',
      eventType: 'llm.tokens',
      aggregation: 'SUM',
      valueProperty: '$.tokens',
      groupBy: { model: '$.model' },
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  const post = async (tenant: string, body: unknown, roles?: string[]) => {
    const response = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: await service.as(tenant, roles),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as IngestAnswer,
    };
  };
  const time = new Date().toISOString();
  const event = (id: string, tokens: unknown, extra: Record<string, unknown> = {}) => ({
    specversion: '1.0',
    id,
    source: 'api-gateway',
    type: 'llm.tokens',
    time,
    data: { tokens, model: 'gpt' },
    ...extra,
  });

  it('accepts a new event, answers a repeat as duplicate and a changed repeat as conflict', async () => {
    expect(await post('acme', event('e-1', 10))).toMatchObject({
      status: 202,
      body: { status: 'accepted' },
    });
    expect(await post('acme', event('e-1', 10))).toMatchObject({
      status: 200,
      body: { status: 'duplicate' },
    });
    expect(await post('acme', event('e-1', 11))).toMatchObject({
      status: 409,
      type: expect.stringContaining('application/problem+json'),
    });
    const { rows } = await service.owner.query(
      `SELECT sum FROM metering.usage_buckets WHERE tenant_id = 'acme' AND meter_key = 'tokens'`,
    );
    expect(rows).toEqual([{ sum: '10' }]);
    const conflicts = await service.owner.query(
      `SELECT event_id FROM metering.event_conflicts WHERE tenant_id = 'acme'`,
    );
    expect(conflicts.rows).toEqual([{ event_id: 'e-1' }]);
  });

  it('answers a batch per event, in order, with reasons for the rejected ones', async () => {
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const ancient = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const { status, body } = await post('acme', [
      event('b-1', 5),
      event('b-1', 5),
      event('b-2', 'lots'),
      event('b-3', 1, { time: future }),
      event('b-4', 1, { time: ancient }),
      { id: 'b-5', source: 'x' },
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ accepted: 1, duplicate: 1, rejected: 4, conflict: 0 });
    expect(body.results.map((result: { status: string }) => result.status)).toEqual([
      'accepted',
      'duplicate',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(body.results[2]!.reason).toMatch(/not a number/);
    expect(body.results[3]!.reason).toMatch(/future/);
    expect(body.results[4]!.reason).toMatch(/lateness limit/);
    expect(body.results[5]!.reason).toMatch(/type/);
  });

  it('refuses malformed JSON, oversized batches, callers without the role and without a token', async () => {
    expect(await post('acme', '{"id": ')).toMatchObject({
      status: 400,
      type: expect.stringContaining('problem+json'),
    });
    const big = Array.from({ length: 1001 }, (_, index) => event(`big-${index}`, 1));
    expect(await post('acme', big)).toMatchObject({ status: 422 });
    expect(await post('acme', event('r-1', 1), ['metering:read'])).toMatchObject({ status: 403 });
    const anonymous = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('rejects an event over 64 KiB and refuses a body over 8 MB with 413', async () => {
    const { body } = await post('acme', [
      event('huge-1', 1, { data: { tokens: 1, model: 'x'.repeat(70_000) } }),
    ]);
    expect(body.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/at most 65536 are accepted/),
    });
    const oversized = Array.from({ length: 200 }, (_, index) =>
      event(`huge-${index}`, 1, { data: { tokens: 1, pad: 'y'.repeat(50_000) } }),
    );
    expect(await post('acme', oversized)).toMatchObject({
      status: 413,
      type: expect.stringContaining('problem+json'),
    });
  });

  it("keeps one tenant's usage out of another's, even for the same event id", async () => {
    await service.defineMeter('globex', {
      key: 'tokens',
      eventType: 'llm.tokens',
      aggregation: 'SUM',
      valueProperty: '$.tokens',
      groupBy: {},
    });
    expect(await post('globex', event('e-1', 99))).toMatchObject({ status: 202 });
    const { rows } = await service.owner.query(
      `SELECT tenant_id, sum FROM metering.usage_buckets WHERE meter_key = 'tokens' ORDER BY tenant_id`,
    );
    expect(rows.map((row) => [row.tenant_id, row.sum])).toEqual([
      ['acme', '15'],
      ['globex', '99'],
    ]);
  });
});
