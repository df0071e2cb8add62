import type { EventContract } from './event-contract';
import { capCleared, capReached } from './events/cap-breaker.event';
import { driftRetrainRequested } from './events/drift-retrain-requested.event';
import { driftSamples } from './events/drift-samples.event';
import { driftDetected, driftResolved } from './events/drift-status-changed.event';
import { invoiceFinalized } from './events/invoice-finalized.event';
import { quotaExhausted } from './events/quota-exhausted.event';
import { quotaReset } from './events/quota-reset.event';
import { quotaThresholdCrossed } from './events/quota-threshold-crossed.event';
import { usageRecorded } from './events/usage-recorded.event';

/** A Kafka topic: its name, what its key is, its size and retention, and the events it carries. */
export interface TopicSpec {
  /** `<domain>.<entity>.v<major>` */
  readonly name: string;
  readonly description: string;
  /** What the message key is, e.g. 'tenant id' (messages with one key keep their order). */
  readonly key: string;
  readonly partitions: number;
  /** How long Kafka keeps messages, in milliseconds; -1 keeps them forever. */
  readonly retentionMs: number;
  readonly events: readonly EventContract[];
}

const day = 24 * 60 * 60 * 1000;

/** Every topic Tenantry owns: the one source of topic names, keys, partitions and retention. */
export const topicCatalogue: readonly TopicSpec[] = Object.freeze([
  {
    name: 'metering.usage.v1',
    description:
      'Usage reported by every service and client; metering aggregates it into quotas, caps and invoices.',
    key: 'tenant id',
    partitions: 12,
    retentionMs: 30 * day,
    events: [usageRecorded],
  },
  {
    name: 'metering.quota.v1',
    description:
      'Quota notices of metering: a threshold of a quota reached, a quota exhausted, a new quota period after either; each at most once per tenant, meter, period and threshold.',
    key: 'tenant id',
    partitions: 6,
    retentionMs: 90 * day,
    events: [quotaThresholdCrossed, quotaExhausted, quotaReset],
  },
  {
    name: 'metering.invoice.v1',
    description:
      'Finalized invoices of metering: one per tenant and closed billing period, never rewritten; later usage of a closed period is billed as adjustments on a later invoice. Kept forever: other teams build billing on it.',
    key: 'tenant id',
    partitions: 3,
    retentionMs: -1,
    events: [invoiceFinalized],
  },
  {
    name: 'metering.cap.v1',
    description:
      'Cost-cap circuit breaker of each tenant: cap.reached opens it (block or throttle the tenant), cap.cleared closes it (let traffic through). It half-opens at the end of the billing period or when the cap changes, and closes or stays open at once. Each transition is published exactly once.',
    key: 'tenant id',
    partitions: 6,
    retentionMs: 90 * day,
    events: [capReached, capCleared],
  },
  {
    name: 'drift.samples.v1',
    description:
      "Inputs, outputs and labels of tenants' ML models, in batches; the drift service folds them into windows and compares each with the model's reference.",
    key: 'tenant id and model key (<tenant>/<model>), so that the rows of one model keep their order',
    partitions: 12,
    retentionMs: 7 * day,
    events: [driftSamples],
  },
  {
    name: 'drift.events.v1',
    description:
      'Drift of a model or a segment of it: drift.detected after policy.detectAfter drifting windows in a row, drift.resolved after policy.resolveAfter clean ones. Each transition is published exactly once; failover reads them as health signals of the model.',
    key: 'tenant id',
    partitions: 6,
    retentionMs: 90 * day,
    events: [driftDetected, driftResolved],
  },
  {
    name: 'drift.retrain-requested.v1',
    description:
      "Requests to retrain a model after a critical drift, at most one per model and segment per cooldown; for the tenant's ML pipeline.",
    key: 'tenant id',
    partitions: 3,
    retentionMs: 30 * day,
    events: [driftRetrainRequested],
  },
]);

/** The catalogue entry of a topic, or undefined when Tenantry has no such topic. */
export function findTopic(name: string): TopicSpec | undefined {
  return topicCatalogue.find((topic) => topic.name === name);
}
