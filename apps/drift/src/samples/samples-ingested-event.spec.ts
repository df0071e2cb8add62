import { modelSpecSchema } from '@tenantry/drift-core';
import { usageRecorded } from '@tenantry/schemas';
import { fixtureModel, sampleRows } from '../../test/drift-fixtures';
import { samplesIngestedEvent } from './samples-ingested-event';

describe('samplesIngestedEvent', () => {
  it('meters rows and non-missing monitored values, under the id samples.ingested/<tenant>/<model>/<batch>', () => {
    const model = modelSpecSchema.parse(fixtureModel({ performance: { metric: 'accuracy' } }));
    const rows = sampleRows({ count: 10, seed: 1 }).map((row, index) =>
      index === 0 ? { ...row, features: { ...row.features, age: null, region: null } } : row,
    );
    const receivedAt = new Date('2026-01-05T10:00:00Z');
    const { topic, event } = samplesIngestedEvent('acme', model, 'batch-7', rows, receivedAt);
    expect(topic).toBe(usageRecorded.topic);
    expect(event).toMatchObject({
      id: 'samples.ingested/acme/churn/batch-7',
      type: 'samples.ingested',
      source: '/tenantry/drift',
      tenantid: 'acme',
      subject: 'churn',
      time: receivedAt.toISOString(),
      // Three features, the prediction and the label per row; one age missing (region is not monitored).
      data: { modelKey: 'churn', rows: 10, values: 49 },
    });
    expect(usageRecorded.data.safeParse(event.data).success).toBe(true);
  });
});
