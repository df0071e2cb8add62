import { Injectable } from '@nestjs/common';
import type { ConsumedEvent, EventHandler, HandlerOutcome } from '@tenantry/messaging';
import type { UsageRecordedData } from '@tenantry/schemas';
import type { EntityManager } from 'typeorm';
import { UsageIngestor } from './usage-ingestor';

/**
 * Usage from other services on `metering.usage.v1`. The raw events' primary key dedupes,
 * so the consumer hands over every event (no inbox); rejected events go to the DLQ.
 */
@Injectable()
export class UsageConsumer implements EventHandler<UsageRecordedData> {
  constructor(private readonly ingestor: UsageIngestor) {}

  async handle(
    events: ConsumedEvent<UsageRecordedData>[],
    manager: EntityManager,
  ): Promise<HandlerOutcome<UsageRecordedData>> {
    const tenantId = events[0]!.event.tenantid;
    const results = await this.ingestor.ingest(
      manager,
      tenantId,
      events.map(({ event }) => ({
        id: event.id,
        source: event.source,
        type: event.type,
        subject: event.subject,
        time: event.time,
        data: event.data,
      })),
      new Date(),
    );
    return {
      duplicates: results.filter(
        (result) => result.status === 'duplicate' || result.status === 'conflict',
      ).length,
      rejected: results.flatMap((result, index) =>
        result.status === 'rejected' ? [{ event: events[index]!, reason: result.reason }] : [],
      ),
    };
  }
}
