import { findTopic, driftSamples } from '@tenantry/schemas';
import { metricsRegistry } from '@tenantry/observability';
import { DataSource } from 'typeorm';
import { CommittedSampleMetrics } from '../src/samples/committed-sample-metrics';
import { pruneSampleBatches } from '../src/samples/sample-batch-pruning';
import { driftSettings } from '../src/drift-settings';
import { fixtureModel, sampleRows } from './drift-fixtures';
import { startDriftTestApp, type DriftTestApp } from './drift-test-app';

const dayMs = 24 * 60 * 60 * 1000;

describe('stored sample batches', () => {
  let service: DriftTestApp;
  const post = (batchId: string, seed: number) =>
    service.call<{ status: string }>('acme', 'POST', '/v1/models/churn/samples', {
      batchId,
      rows: sampleRows({ count: 50, seed }),
    });
  const storedBatchIds = async (): Promise<string[]> =>
    (
      await service.owner.query(
        `SELECT batch_id FROM drift.sample_batches WHERE tenant_id = 'acme' ORDER BY batch_id`,
      )
    ).rows.map((row: { batch_id: string }) => row.batch_id);
  const checksum = async () =>
    (await service.call('acme', 'GET', '/v1/models/churn/windows/checksum')).body;

  beforeAll(async () => {
    service = await startDriftTestApp();
    expect((await service.call('acme', 'POST', '/v1/models', fixtureModel())).status).toBe(201);
    const reference = sampleRows({ count: 500, seed: 1 });
    expect(
      (await service.call('acme', 'POST', '/v1/models/churn/references', reference)).status,
    ).toBe(201);
  });

  afterAll(() => service?.close());

  it('are kept, by default, longer than drift.samples.v1 keeps the events', () => {
    const { DRIFT_SAMPLE_RETENTION_DAYS } = driftSettings.parse({});
    expect(DRIFT_SAMPLE_RETENTION_DAYS * dayMs).toBeGreaterThan(
      findTopic(driftSamples.topic)!.retentionMs,
    );
  });

  it('are pruned past the horizon, for every tenant, leaving the window states alone', async () => {
    expect((await post('old', 2)).body.status).toBe('accepted');
    expect((await post('recent', 3)).body.status).toBe('accepted');
    await service.owner.query(
      `UPDATE drift.sample_batches SET received_at = now() - interval '31 days' WHERE batch_id = 'old'`,
    );
    const before = await checksum();

    expect(await pruneSampleBatches(service.app.get(DataSource), 30)).toBe(1);

    expect(await storedBatchIds()).toEqual(['recent']);
    expect(await checksum()).toEqual(before);
    expect((await post('recent', 3)).body.status).toBe('duplicate');
  });

  it('count a batch in the metrics only when its transaction commits', async () => {
    const metrics = service.app.get(CommittedSampleMetrics);
    const dataSource = service.app.get(DataSource);
    const duplicates = async () =>
      (await metricsRegistry.getSingleMetric('drift_sample_batches_duplicate_total')!.get())
        .values[0]!.value;
    const counted = await duplicates();
    const outcome = { status: 'duplicate', batchId: 'b', rows: 1 } as const;

    await expect(
      dataSource.transaction(async (manager) => {
        metrics.record(manager, [outcome]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await duplicates()).toBe(counted);

    await dataSource.transaction(async (manager) => {
      metrics.record(manager, [outcome, outcome]);
      expect(await duplicates()).toBe(counted);
    });
    expect(await duplicates()).toBe(counted + 2);
  });
});
