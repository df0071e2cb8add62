import { Global, Module } from '@nestjs/common';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { UsageIngestor } from './usage-ingestor';
import { UsageObservers } from './usage-observer';

/** Usage ingestion over HTTP; the Kafka consumer is wired in MeteringModule. */
@Global()
@Module({
  controllers: [IngestController],
  providers: [
    UsageObservers,
    IngestService,
    {
      provide: UsageIngestor,
      inject: [UsageObservers],
      useFactory: (observers: UsageObservers) => new UsageIngestor(observers),
    },
  ],
  exports: [UsageObservers, UsageIngestor],
})
export class IngestModule {}
