/**
 * Shared, deterministic sample generators for the drift integration tests (every generator takes
 * a seed, so a failing run can be replayed):
 *
 * - `fixtureModel(overrides?)`: a `POST /v1/models` body, key `churn`: numeric features `age` and
 *   `income`, categorical `plan` (basic|pro|team), segment field `region` (eu|us, not monitored),
 *   categorical prediction (stay|churn), hourly time windows. Spread `overrides` over it (e.g.
 *   `{ key: 'churn-2', window: { type: 'count', rows: 500 } }`).
 * - `sampleRows({ count, seed, start?, spacingMs?, shift?, region? })`: rows for fixtureModel,
 *   `spacingMs` apart from `start` (default 1 s apart from 2026-01-05T00:00:00Z). `shift` moves
 *   `age` and `income` by that many standard deviations and tilts `plan` to `team` (drift);
 *   `region` pins every row to one segment value. Every row carries a `label`.
 * - `samplesMessage(tenantId, modelKey, batchId, rows)`: a kafkajs message of a drift.samples
 *   CloudEvent (ce_id = batch id, key `<tenant>/<model>`).
 */
import type { SampleRow } from '@tenantry/drift-core';
import { seededRandom, standardNormal } from '@tenantry/drift-core/scenarios';
import { createCloudEvent, driftSamples, toKafkaMessage } from '@tenantry/schemas';

/** A model registration body for the rows of `sampleRows`. */
export function fixtureModel(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: 'churn',
    description: 'churn model of the drift tests',
    features: [
      { name: 'age', kind: 'numeric' },
      { name: 'income', kind: 'numeric' },
      { name: 'plan', kind: 'categorical' },
    ],
    segments: ['region'],
    prediction: { name: 'churn', kind: 'categorical' },
    window: { type: 'time', seconds: 3600 },
    ...overrides,
  };
}

/** The first instant `sampleRows` uses by default: a whole hour, so windows start with it. */
export const fixtureStart = new Date('2026-01-05T00:00:00Z');

/** Rows for `fixtureModel`; see the file comment. */
export function sampleRows({
  count,
  seed,
  start = fixtureStart,
  spacingMs = 1000,
  shift = 0,
  region,
}: {
  count: number;
  seed: number;
  start?: Date;
  spacingMs?: number;
  shift?: number;
  region?: 'eu' | 'us';
}): SampleRow[] {
  const random = seededRandom(seed);
  const normal = standardNormal(random);
  const plans =
    shift > 0 ? ['basic', 'pro', 'team', 'team', 'team'] : ['basic', 'basic', 'pro', 'team'];
  return Array.from({ length: count }, (_, index) => {
    const age = 40 + 10 * (normal() + shift);
    const income = 50_000 + 15_000 * (normal() + shift);
    const prediction = age > 45 ? 'churn' : 'stay';
    return {
      timestamp: new Date(start.getTime() + index * spacingMs).toISOString(),
      features: {
        age,
        income,
        plan: plans[Math.floor(random() * plans.length)]!,
        region: region ?? (random() < 0.5 ? 'eu' : 'us'),
      },
      prediction,
      label: random() < 0.9 ? prediction : prediction === 'churn' ? 'stay' : 'churn',
    };
  });
}

/** A drift.samples message for kafkajs: the batch as a CloudEvent, keyed by tenant and model. */
export function samplesMessage(
  tenantId: string,
  modelKey: string,
  batchId: string,
  rows: SampleRow[],
): { key: string; value: Buffer; headers: Record<string, string> } {
  const event = createCloudEvent({
    id: batchId,
    source: '/tests/drift',
    type: driftSamples.type,
    tenantid: tenantId,
    data: { modelKey, rows },
  });
  return toKafkaMessage(event, `${tenantId}/${modelKey}`);
}
