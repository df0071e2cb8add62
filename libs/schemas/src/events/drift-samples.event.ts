import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { sampleRowSchema } from './drift-sample-row';

const data = z.strictObject({
  modelKey: z.string().meta({ description: 'model registered with POST /v1/models' }),
  rows: z.array(sampleRowSchema).min(1).max(5000),
});

/** The data of the event below. */
export type DriftSamplesData = z.infer<typeof data>;

/** Largest batch of rows in one drift.samples event (and one POST /v1/models/{key}/samples). */
export const maxSampleRowsPerBatch = 5000;

/** `drift.samples` on drift.samples.v1: a batch of one model's inputs and outputs. */
export const driftSamples = defineEventContract({
  type: 'drift.samples',
  topic: 'drift.samples.v1',
  description: [
    "A batch of rows a tenant's model saw: its inputs (features), optionally its output",
    '(prediction) and the true label. The drift service folds the rows into the windows of the',
    "model (and of each segment) and compares each closed window with the model's active",
    'reference. ce_id is the batch id and the exactly-once key: a batch sent twice counts once.',
    'A batch with any row the model cannot use goes whole to drift.samples.v1.dlq with every',
    'reason, so nothing is half-applied.',
  ].join(' '),
  data,
  example: {
    modelKey: 'churn',
    rows: [
      {
        timestamp: '2026-11-25T10:15:00Z',
        features: { age: 41, plan: 'pro', region: 'eu' },
        prediction: 'stay',
        label: 'stay',
      },
    ],
  },
});
