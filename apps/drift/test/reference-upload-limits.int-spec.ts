// Fair use of the drift service: the limits of a reference upload, the event loop staying free
// while a large one is fitted, and the per-tenant limit of expensive requests.
import { waitFor } from '@tenantry/testing';
import { fixtureModel } from './drift-fixtures';
import { authorization, startDriftTestApp, type DriftTestApp } from './drift-test-app';

const maxRows = 200_000;
const maxBytes = 16 * 1024 * 1024;
const plans = ['basic', 'pro', 'team'];

/** A CSV upload of `count` rows for fixtureModel (about 40 bytes a row). */
function csvOf(count: number, from = 0): string {
  const lines = ['age,income,plan,region,prediction'];
  for (let index = from; index < from + count; index++) {
    lines.push(
      `${index % 90},${(index * 7919) % 100_000},${plans[index % 3]},eu,${index % 4 ? 'stays' : 'churns'}`,
    );
  }
  return lines.join('\n') + '\n';
}

interface Problem {
  type: string;
  status: number;
  detail: string;
  limit?: string;
  maximum?: number;
}

describe('reference upload limits and fair use', () => {
  let service: DriftTestApp;

  beforeAll(async () => {
    service = await startDriftTestApp({
      DRIFT_REFERENCE_MAX_ROWS: String(maxRows),
      DRIFT_REFERENCE_MAX_BYTES: String(maxBytes),
      EXPENSIVE_REQUESTS_PER_TENANT: '1',
    });
    for (const tenant of ['acme', 'globex']) {
      expect((await service.call(tenant, 'POST', '/v1/models', fixtureModel())).status).toBe(201);
    }
  });

  afterAll(async () => {
    await service?.close();
  });

  const uploadCsv = (tenant: string, csv: string) =>
    service.call<Problem & { rows: number }>(tenant, 'POST', '/v1/models/churn/references', csv, {
      contentType: 'text/csv',
    });

  it('refuses an upload of one row more than the row limit with 413 naming it', async () => {
    const refused = await uploadCsv('acme', csvOf(maxRows + 1));
    expect(refused.status).toBe(413);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'urn:tenantry:problem:upload-too-large',
      limit: 'rows',
      maximum: maxRows,
      detail: 'A reference upload holds at most 200,000 rows.',
    });
  });

  it('refuses an upload over the byte limit with 413 naming it', async () => {
    const padding = 'x'.repeat(maxBytes);
    const refused = await uploadCsv('acme', `age,plan\n1,${padding}\n`);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      type: 'urn:tenantry:problem:upload-too-large',
      limit: 'bytes',
      maximum: maxBytes,
    });
  });

  it('answers /health/live and another tenant while the largest accepted upload is fitted', async () => {
    let uploadAnswered = false;
    const upload = uploadCsv('acme', csvOf(maxRows)).finally(() => (uploadAnswered = true));
    const otherTenant = service
      .call('globex', 'GET', '/v1/models/churn')
      .then((answer) => ({ answer, beforeTheUpload: !uploadAnswered }));

    const latencies: number[] = [];
    let answeredDuringUpload = 0;
    while (!uploadAnswered) {
      const sent = performance.now();
      const health = await fetch(`${service.url}/health/live`);
      latencies.push(performance.now() - sent);
      expect(health.status).toBe(200);
      if (!uploadAnswered) answeredDuringUpload++;
    }

    expect((await upload).body).toMatchObject({ rows: maxRows });
    const other = await otherTenant;
    expect(other.answer.status).toBe(200);
    expect(other.beforeTheUpload).toBe(true);
    expect(answeredDuringUpload).toBeGreaterThan(0);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `/health/live during a ${maxRows}-row upload: ${answeredDuringUpload} answers, ` +
        `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, ` +
        `max ${sorted[sorted.length - 1]!.toFixed(1)} ms`,
    );
  });

  it("answers 429 to a tenant's second concurrent upload, not to another tenant's", async () => {
    // An upload the test keeps open, so that it is in flight for certain.
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(csvOf(1_000)));
        await rest;
        controller.enqueue(
          new TextEncoder().encode(csvOf(1_000, 1_000).split('\n').slice(1).join('\n')),
        );
        controller.close();
      },
    });
    const held = fetch(`${service.url}/v1/models/churn/references`, {
      method: 'POST',
      headers: { ...(await authorization('acme')), 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);

    try {
      let second: Awaited<ReturnType<typeof uploadCsv>> | undefined;
      await waitFor(
        async () => {
          second = await uploadCsv('acme', csvOf(10));
          return second.status === 429;
        },
        { what: "a 429 to acme's second upload" },
      );
      expect(second!.body).toMatchObject({
        type: 'urn:tenantry:problem:too-many-concurrent-requests',
        limit: 1,
      });
      const other = await uploadCsv('globex', csvOf(10));
      expect(other.status).toBe(201);
    } finally {
      sendRest();
    }
    const first = await held;
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ rows: 2_000 });
    expect((await uploadCsv('acme', csvOf(10))).status).toBe(201);
  });
});
