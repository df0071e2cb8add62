import { Module } from '@nestjs/common';
import { IngestionStatusController } from './ingestion-status.controller';
import { IngestionStatusService } from './ingestion-status.service';

/** Ingestion status and conflicts of a tenant. */
@Module({ controllers: [IngestionStatusController], providers: [IngestionStatusService] })
export class IngestStatusModule {}
