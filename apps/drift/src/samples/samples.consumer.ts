import { Injectable } from '@nestjs/common';
import type { ConsumedEvent, EventHandler, HandlerOutcome } from '@tenantry/messaging';
import type { DriftSamplesData } from '@tenantry/schemas';
import type { EntityManager } from 'typeorm';
import { SampleIngestor } from './sample-ingestor';

/**
 * drift.samples.v1: each event is a batch whose ce_id is the batch id. The stored batch's key
 * dedupes (dedupe 'handler'), so every event is handed over; the chunk's events of one tenant are
 * applied model by model in arrival order, and refused batches go to the DLQ with their reason.
 */
@Injectable()
export class SamplesConsumer implements EventHandler<DriftSamplesData> {
  constructor(private readonly ingestor: SampleIngestor) {}

  async handle(
    events: ConsumedEvent<DriftSamplesData>[],
    manager: EntityManager,
  ): Promise<HandlerOutcome<DriftSamplesData>> {
    const tenantId = events[0]!.event.tenantid;
    const byModel = new Map<string, Array<ConsumedEvent<DriftSamplesData>>>();
    for (const consumed of events) {
      const group = byModel.get(consumed.event.data.modelKey) ?? [];
      group.push(consumed);
      byModel.set(consumed.event.data.modelKey, group);
    }
    const receivedAt = new Date();
    const outcome: Required<HandlerOutcome<DriftSamplesData>> = { rejected: [], duplicates: 0 };
    for (const [modelKey, group] of byModel) {
      const results = await this.ingestor.ingestBatches(
        manager,
        tenantId,
        modelKey,
        group.map(({ event }) => ({ batchId: event.id, rows: event.data.rows, parsed: true })),
        receivedAt,
      );
      results.forEach((result, index) => {
        if (result.status === 'duplicate') outcome.duplicates++;
        if (result.status === 'rejected') {
          outcome.rejected.push({
            event: group[index]!,
            reason: `${result.reason}: ${result.error.message}`,
          });
        }
      });
    }
    return outcome;
  }
}
