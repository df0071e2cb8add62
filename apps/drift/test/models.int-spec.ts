import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

interface ModelAnswer {
  key: string;
  spec: {
    description?: string;
    features: Array<{ name: string }>;
    policy: Record<string, unknown>;
    window: Record<string, unknown>;
  };
  activeReference: number | null;
  createdBy: string;
  updatedBy: string;
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface Problem {
  type: string;
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

describe('models API', () => {
  let service: DriftTestApp;

  beforeAll(async () => {
    service = await startDriftTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('registers a model with the defaults filled in, then lists and reads it', async () => {
    const created = await service.call<ModelAnswer>('acme', 'POST', '/v1/models', fixtureModel());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'churn',
      activeReference: null,
      createdBy: 'tester@acme',
      updatedBy: 'tester@acme',
      spec: {
        window: { type: 'time', seconds: 3600, latenessSeconds: 0 },
        policy: { detectAfter: 2, resolveAfter: 3, minSampleSize: 100 },
        segments: ['region'],
      },
    });

    const listed = await service.call<Page<ModelAnswer>>('acme', 'GET', '/v1/models');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((model) => model.key)).toEqual(['churn']);
    expect(listed.body.nextCursor).toBeNull();

    const read = await service.call<ModelAnswer>('acme', 'GET', '/v1/models/churn');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 409 for a key the tenant has registered already', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'twice' }));
    const again = await service.call<Problem>(
      'acme',
      'POST',
      '/v1/models',
      fixtureModel({ key: 'twice' }),
    );
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect(again.body.type).toMatch(/model-exists$/);
  });

  it('answers 422 with the field path of each problem in a spec', async () => {
    const answer = await service.call<Problem>(
      'acme',
      'POST',
      '/v1/models',
      fixtureModel({
        key: 'broken',
        features: [
          { name: 'plan', kind: 'categorical', statistic: 'ks' },
          { name: 'age', kind: 'numeric' },
          { name: 'age', kind: 'numeric' },
        ],
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors!.map((error) => error.path).sort()).toEqual([
      '/features/0/statistic',
      '/features/2/name',
    ]);
    expect((await service.call('acme', 'GET', '/v1/models/broken')).status).toBe(404);
  });

  it('changes the description and single policy fields, keeping the rest of the policy', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'patched' }));
    const changed = await service.call<ModelAnswer>('acme', 'PATCH', '/v1/models/patched', {
      description: 'second thoughts',
      policy: { detectAfter: 4 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.spec.description).toBe('second thoughts');
    expect(changed.body.spec.policy).toMatchObject({ detectAfter: 4, resolveAfter: 3 });

    const cleared = await service.call<ModelAnswer>('acme', 'PATCH', '/v1/models/patched', {
      description: null,
    });
    expect(cleared.body.spec).not.toHaveProperty('description');
    expect(cleared.body.spec.policy).toMatchObject({ detectAfter: 4 });
  });

  it('refuses a change of features or an invalid policy value with 422 and changes nothing', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'fixed' }));
    const features = await service.call<Problem>('acme', 'PATCH', '/v1/models/fixed', {
      features: [{ name: 'age', kind: 'numeric' }],
    });
    expect(features.status).toBe(422);
    const policy = await service.call<Problem>('acme', 'PATCH', '/v1/models/fixed', {
      policy: { detectAfter: 0 },
    });
    expect(policy.status).toBe(422);
    expect(policy.body.errors!.map((error) => error.path)).toEqual(['/policy/detectAfter']);
    const unknownField = await service.call<Problem>('acme', 'PATCH', '/v1/models/fixed', {
      policy: { detectLater: 3 },
    });
    expect(unknownField.status).toBe(422);
    const read = await service.call<ModelAnswer>('acme', 'GET', '/v1/models/fixed');
    expect(read.body.spec.policy).toMatchObject({ detectAfter: 2 });
    expect(read.body.spec.features.map((feature) => feature.name)).toEqual([
      'age',
      'income',
      'plan',
    ]);
  });

  it('deletes a model with everything it owns', async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'doomed' }));
    const rows = sampleRows({ count: 200, seed: 3 });
    expect((await service.call('acme', 'POST', '/v1/models/doomed/references', rows)).status).toBe(
      201,
    );
    expect((await service.call('acme', 'POST', '/v1/models/doomed/samples', { rows })).status).toBe(
      202,
    );
    const owned = async () => {
      const counts: number[] = [];
      for (const table of ['model_references', 'sample_batches', 'windows']) {
        const { rows } = await service.owner.query(
          `SELECT count(*)::int AS n FROM drift.${table} WHERE model_key = 'doomed'`,
        );
        counts.push(rows[0].n);
      }
      return counts;
    };
    expect((await owned()).every((count) => count > 0)).toBe(true);

    const deleted = await service.call('acme', 'DELETE', '/v1/models/doomed');
    expect(deleted.status).toBe(204);
    expect((await service.call('acme', 'GET', '/v1/models/doomed')).status).toBe(404);
    expect((await service.call('acme', 'DELETE', '/v1/models/doomed')).status).toBe(404);
    expect(await owned()).toEqual([0, 0, 0]);
    const recreated = await service.call(
      'acme',
      'POST',
      '/v1/models',
      fixtureModel({ key: 'doomed' }),
    );
    expect(recreated.status).toBe(201);
  });

  it("keeps tenants apart: another tenant neither sees nor changes a tenant's model, even by key", async () => {
    await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'private' }));
    expect((await service.call('globex', 'GET', '/v1/models/private')).status).toBe(404);
    expect(
      (await service.call('globex', 'PATCH', '/v1/models/private', { description: 'mine' })).status,
    ).toBe(404);
    expect((await service.call('globex', 'DELETE', '/v1/models/private')).status).toBe(404);
    const listed = await service.call<Page<ModelAnswer>>('globex', 'GET', '/v1/models');
    expect(listed.body).toEqual({ data: [], nextCursor: null });
    // The same key is free for the other tenant, and independent.
    const own = await service.call(
      'globex',
      'POST',
      '/v1/models',
      fixtureModel({ key: 'private' }),
    );
    expect(own.status).toBe(201);
    expect((await service.call('acme', 'GET', '/v1/models/private')).status).toBe(200);
  });

  it('lists models a page at a time, in key order, and refuses a bad limit or cursor with 400', async () => {
    for (const key of ['paged-c', 'paged-a', 'paged-b']) {
      await service.call('paging', 'POST', '/v1/models', fixtureModel({ key }));
    }
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: { status: number; body: Page<ModelAnswer> } = await service.call<
        Page<ModelAnswer>
      >('paging', 'GET', `/v1/models?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      keys.push(...page.body.data.map((model) => model.key));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(keys).toEqual(['paged-a', 'paged-b', 'paged-c']);

    for (const query of ['limit=0', 'limit=1001', 'limit=two', 'cursor=garbage', 'sort=key']) {
      expect(await service.call<Problem>('paging', 'GET', `/v1/models?${query}`)).toMatchObject({
        status: 400,
        body: { type: expect.stringMatching(/invalid-(query-parameters|cursor)$/) },
      });
    }
  });

  it('needs drift:admin to change models and drift:read to read them', async () => {
    const write = await service.call('acme', 'POST', '/v1/models', fixtureModel({ key: 'roles' }), {
      roles: ['drift:write'],
    });
    expect(write.status).toBe(403);
    const read = await service.call('acme', 'GET', '/v1/models', undefined, {
      roles: ['drift:write'],
    });
    expect(read.status).toBe(403);
  });
});
