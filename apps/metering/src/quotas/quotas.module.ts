import { Module } from '@nestjs/common';
import { QuotaNotifier } from './quota-notifier';
import { QuotaService } from './quota.service';
import { QuotasController } from './quotas.controller';

/** Quotas, grants and balances over HTTP, and the quota events usage calls for. */
@Module({
  controllers: [QuotasController],
  providers: [QuotaNotifier, QuotaService],
})
export class QuotasModule {}
