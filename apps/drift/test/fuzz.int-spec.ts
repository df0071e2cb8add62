import { fuzzOpenApi, fuzzTimeout } from '@tenantry/testing';
import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

const tenant = 'fuzz';

describe('the drift API under fuzzing', () => {
  let service: DriftTestApp;

  beforeAll(async () => {
    service = await startDriftTestApp();
    // A little real state, so that mutations of valid requests reach past the lookups: two
    // models, two reference versions (a second page), and a batch of samples.
    for (const key of ['fuzz-model', 'fuzz-challenger']) {
      expect((await service.call(tenant, 'POST', '/v1/models', fixtureModel({ key }))).status).toBe(
        201,
      );
    }
    for (const seed of [1, 2]) {
      const reference = sampleRows({ count: 120, seed });
      const upload = await service.call(
        tenant,
        'POST',
        '/v1/models/fuzz-model/references',
        reference,
      );
      expect(upload.status).toBe(201);
    }
    const samples = { batchId: 'fuzz-batch', rows: sampleRows({ count: 120, seed: 3 }) };
    const ingested = await service.call(tenant, 'POST', '/v1/models/fuzz-model/samples', samples);
    expect(ingested.status).toBe(202);
  });

  afterAll(() => service?.close());

  it(
    'answers every fuzzed request below 500, and every 4xx as problem+json',
    async () => {
      await fuzzOpenApi(service, {
        tenantId: tenant,
        knownValues: {
          key: ['fuzz-model'],
          challenger: ['fuzz-challenger'],
          version: [1, 2],
          windowIndex: [0, 1],
          segment: ['', 'region=eu'],
          name: ['age', 'plan'],
          from: ['2026-01-05T00:00:00Z'],
          to: ['2026-01-06T00:00:00Z'],
        },
        exampleRows: sampleRows({ count: 3, seed: 4 }),
      });
    },
    fuzzTimeout,
  );
});
