import { Module } from '@nestjs/common';
import { UsageObservers } from '../ingest/usage-observer';
import { MeterRegistry } from './meter-registry';
import { MetersController } from './meters.controller';
import { MetersService } from './meters.service';

/** Meters API: define, change, archive and read a tenant's meters. */
@Module({
  controllers: [MetersController],
  providers: [
    MetersService,
    {
      provide: MeterRegistry,
      inject: [UsageObservers],
      useFactory: (observers: UsageObservers) => new MeterRegistry(observers),
    },
  ],
})
export class MetersModule {}
