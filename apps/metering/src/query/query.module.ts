import { Module } from '@nestjs/common';
import { UsageQueryController } from './usage-query.controller';
import { UsageQueryService } from './usage-query.service';

/** Usage queries over a meter's minute buckets. */
@Module({ controllers: [UsageQueryController], providers: [UsageQueryService] })
export class QueryModule {}
