import { Module } from '@nestjs/common';
import { IngestionStatusController } from './ingestion-status.controller';

/** Ingestion status and conflicts of a tenant. */
@Module({ controllers: [IngestionStatusController] })
export class IngestStatusModule {}
