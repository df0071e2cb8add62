import { Module } from '@nestjs/common';
import { UsageQueryController } from './usage-query.controller';

/** Usage queries over a meter's minute buckets. */
@Module({ controllers: [UsageQueryController] })
export class QueryModule {}
