import { startMeteringTestApp, type MeteringTestApp } from './metering-test-app';

/** The fields of answers the assertions read. */
/** What the assertions read of an ingestion status or a page of conflicts. */
interface Answer {
  lastReceivedAt: string;
  data: Array<{ id: number }>;
  nextCursor: string | null;
}

/** What the assertions read of the OpenAPI document. */
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody: { content: Record<string, { schema: unknown }> };
        parameters: Array<{ name: string }>;
      }
    >
  >;
}

describe('tenant settings, ingestion status and the OpenAPI document', () => {
  let service: MeteringTestApp;

  beforeAll(async () => {
    service = await startMeteringTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  const call = (tenant: string, method: string, path: string, body?: unknown, roles?: string[]) =>
    service.call<Answer>(tenant, method, path, body, roles);

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const event = (id: string, extra: Record<string, unknown> = {}) => ({
    specversion: '1.0',
    id,
    source: 'api',
    type: 'llm.tokens',
    time: new Date().toISOString(),
    data: { tokens: 1 },
    ...extra,
  });
  const settings = {
    timeZone: 'Europe/Berlin',
    latenessLimitDays: 3650,
    unknownEventTypes: 'reject',
  };

  describe('settings', () => {
    it('are the defaults until changed', async () => {
      expect(await call('fresh', 'GET', '/v1/settings', undefined, ['metering:read'])).toEqual({
        status: 200,
        type: expect.stringContaining('application/json'),
        body: { timeZone: 'UTC', latenessLimitDays: 35, unknownEventTypes: 'accept' },
      });
    });

    it('are replaced by an admin and read back, for that tenant only', async () => {
      expect(await call('berlin', 'PUT', '/v1/settings', settings)).toMatchObject({
        status: 200,
        body: settings,
      });
      expect(await call('berlin', 'GET', '/v1/settings')).toMatchObject({ body: settings });
      expect(await call('fresh', 'GET', '/v1/settings')).toMatchObject({
        body: { timeZone: 'UTC' },
      });
    });

    it('refuse an invalid or incomplete body, and callers without the admin role', async () => {
      for (const body of [
        { ...settings, timeZone: 'Mars/Olympus' },
        { ...settings, timeZone: '+02:00' },
        { ...settings, latenessLimitDays: 3651 },
        { ...settings, latenessLimitDays: 1.5 },
        { ...settings, unknownEventTypes: 'drop' },
        { timeZone: 'UTC' },
        { ...settings, extra: true },
      ]) {
        expect({ body, answer: await call('berlin', 'PUT', '/v1/settings', body) }).toMatchObject({
          body,
          answer: { status: 422, type: expect.stringContaining('problem+json') },
        });
      }
      expect(
        await call('berlin', 'PUT', '/v1/settings', settings, ['metering:read', 'metering:write']),
      ).toMatchObject({ status: 403 });
    });

    it('govern which events are accepted: lateness limit and unknown event types', async () => {
      const old = event('old', { time: daysAgo(400) });
      const unknown = event('unknown', { type: 'nobody.counts' });
      expect(await call('fresh', 'POST', '/v1/events', [old, unknown])).toMatchObject({
        body: {
          accepted: 1,
          rejected: 1,
          results: [{ status: 'rejected' }, { status: 'accepted' }],
        },
      });
      expect(
        await call('berlin', 'POST', '/v1/meters', {
          key: 'calls',
          eventType: 'llm.tokens',
          aggregation: 'COUNT',
        }),
      ).toMatchObject({ status: 201 });
      expect(
        await call('berlin', 'POST', '/v1/events', [old, { ...unknown, id: 'unknown-2' }]),
      ).toMatchObject({
        body: {
          accepted: 1,
          rejected: 1,
          results: [
            { status: 'accepted' },
            { status: 'rejected', reason: expect.stringMatching(/no meter/) },
          ],
        },
      });
    });
  });

  describe('ingestion status', () => {
    it('is all zero before the first event', async () => {
      expect(
        await call('quiet', 'GET', '/v1/ingestion/status', undefined, ['metering:read']),
      ).toEqual({
        status: 200,
        type: expect.stringContaining('application/json'),
        body: {
          accepted: 0,
          duplicate: 0,
          conflict: 0,
          rejected: 0,
          late: 0,
          lastEventTime: null,
          lastReceivedAt: null,
        },
      });
    });

    it('counts how events fared, and lists conflicts newest first with the event that stands', async () => {
      const before = Date.now();
      const lateTime = new Date(Date.now() - 2 * 3_600_000).toISOString();
      const newest = new Date(Date.now() - 60_000).toISOString();
      await call('busy', 'POST', '/v1/events', [
        event('a', { time: lateTime }),
        event('b', { time: newest }),
        event('a', { time: lateTime }),
        event('a', { time: lateTime, data: { tokens: 2 } }),
        event('b', { time: newest, subject: 'changed' }),
        { id: 'broken', source: 'api' },
      ]);

      const status = await call('busy', 'GET', '/v1/ingestion/status');
      expect(status.body).toEqual({
        accepted: 2,
        duplicate: 1,
        conflict: 2,
        rejected: 1,
        late: 1,
        lastEventTime: newest,
        lastReceivedAt: expect.any(String),
      });
      expect(Date.parse(status.body.lastReceivedAt)).toBeGreaterThanOrEqual(before - 1);

      const all = await call('busy', 'GET', '/v1/ingestion/conflicts');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        data: [
          {
            source: 'api',
            eventId: 'b',
            payload: { subject: 'changed' },
            recorded: { type: 'llm.tokens', subject: '', time: newest, data: { tokens: 1 } },
          },
          {
            source: 'api',
            eventId: 'a',
            payload: { data: { tokens: 2 } },
            recorded: { time: lateTime, data: { tokens: 1 } },
          },
        ],
        nextCursor: null,
      });
      const [first, second] = all.body.data;
      const firstPage = await call('busy', 'GET', '/v1/ingestion/conflicts?limit=1');
      expect(firstPage.body).toMatchObject({
        data: [{ id: first!.id }],
        nextCursor: expect.any(String),
      });
      expect(
        await call(
          'busy',
          'GET',
          `/v1/ingestion/conflicts?limit=1&cursor=${firstPage.body.nextCursor}`,
        ),
      ).toMatchObject({ body: { data: [{ id: second!.id }], nextCursor: null } });
      expect(await call('quiet', 'GET', '/v1/ingestion/conflicts')).toMatchObject({
        body: { data: [], nextCursor: null },
      });
    });

    it('refuses a bad page and callers without the read role', async () => {
      for (const query of ['limit=0', 'limit=1001', 'limit=ten']) {
        expect(await call('busy', 'GET', `/v1/ingestion/conflicts?${query}`)).toMatchObject({
          status: 400,
          type: expect.stringContaining('problem+json'),
          body: { type: 'urn:tenantry:problem:invalid-query-parameters' },
        });
      }
      for (const cursor of ['1', 'not-a-cursor', Buffer.from('"a"').toString('base64url')]) {
        expect(await call('busy', 'GET', `/v1/ingestion/conflicts?cursor=${cursor}`)).toMatchObject(
          { status: 400, body: { type: 'urn:tenantry:problem:invalid-cursor' } },
        );
      }
      expect(
        await call('busy', 'GET', '/v1/ingestion/status', undefined, ['metering:write']),
      ).toMatchObject({ status: 403 });
    });
  });

  describe('OpenAPI document', () => {
    it('is public and describes the routes with their bodies', async () => {
      const response = await fetch(`${service.url}/openapi.json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as OpenApiDocument;
      expect(document).toMatchObject({
        openapi: expect.stringMatching(/^3\./),
        info: { title: 'Tenantry metering' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      });
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/v1/events',
          '/v1/meters',
          '/v1/meters/{key}',
          '/v1/meters/{key}/query',
          '/v1/settings',
          '/v1/ingestion/status',
          '/v1/ingestion/conflicts',
        ]),
      );
      expect(document.paths['/openapi.json']).toBeUndefined();
      const meterBody =
        document.paths['/v1/meters']!['post']!.requestBody.content['application/json'];
      expect(meterBody?.schema).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['key', 'eventType', 'aggregation']),
        properties: {
          aggregation: {
            enum: ['SUM', 'COUNT', 'AVG', 'MIN', 'MAX', 'UNIQUE_COUNT', 'LATEST'],
          },
        },
      });
      const query = document.paths['/v1/meters/{key}/query']!['get']!;
      expect(query.parameters.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining([
          'key',
          'from',
          'to',
          'windowSize',
          'windowTimeZone',
          'subject',
          'groupBy',
        ]),
      );
    });
  });
});
