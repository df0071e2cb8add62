import type { ModelSpec, SampleRow } from '@tenantry/drift-core';
import { outgoing, type OutgoingEvent } from '@tenantry/messaging';
import { usageRecorded } from '@tenantry/schemas';
import { driftEventSource } from '../drift-event-source';

/**
 * The `samples.ingested` usage event of one accepted batch, for metering: its rows and its
 * non-missing monitored values (features, prediction, label). The id is
 * `samples.ingested/<tenant>/<model>/<batch id>`, so a batch metered twice (a retried
 * transaction, a replay) is billed once.
 */
export function samplesIngestedEvent(
  tenantId: string,
  model: ModelSpec,
  batchId: string,
  rows: readonly SampleRow[],
  receivedAt: Date,
): OutgoingEvent {
  return outgoing(
    usageRecorded,
    { modelKey: model.key, rows: rows.length, values: monitoredValues(rows, model) },
    {
      id: `samples.ingested/${tenantId}/${model.key}/${batchId}`,
      source: driftEventSource,
      type: 'samples.ingested',
      tenantid: tenantId,
      subject: model.key,
      time: receivedAt.toISOString(),
    },
  );
}

function monitoredValues(rows: readonly SampleRow[], model: ModelSpec): number {
  const present = (value: unknown) => (value === null || value === undefined ? 0 : 1);
  let values = 0;
  for (const row of rows) {
    for (const feature of model.features) values += present(row.features[feature.name]);
    if (model.prediction) values += present(row.prediction);
    if (model.performance) values += present(row.label);
  }
  return values;
}
