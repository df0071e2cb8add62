import { Module } from '@nestjs/common';
import { UsageObservers } from '../ingest/usage-observer';
import { MeterRegistry } from './meter-registry';
import { MetersController } from './meters.controller';

/** Meters API: define, change, archive and read a tenant's meters. */
@Module({
  controllers: [MetersController],
  providers: [
    {
      provide: MeterRegistry,
      inject: [UsageObservers],
      useFactory: (observers: UsageObservers) => new MeterRegistry(observers),
    },
  ],
})
export class MetersModule {}
