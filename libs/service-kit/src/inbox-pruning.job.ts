import { Inject, Injectable } from '@nestjs/common';
import { pruneInbox } from '@tenantry/messaging';
import { DataSource } from 'typeorm';
import { PeriodicJob } from './periodic-job';

/** Injection token of INBOX_RETENTION_DAYS. */
export const inboxRetentionDays = Symbol('inboxRetentionDays');

/** Deletes inbox rows past INBOX_RETENTION_DAYS, hourly while the service runs. */
@Injectable()
export class InboxPruningJob extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(inboxRetentionDays) private readonly horizonDays: number,
  ) {
    super('InboxPruning', 60 * 60 * 1000);
  }

  protected async runOnce(): Promise<void> {
    await pruneInbox(this.dataSource, this.horizonDays);
  }
}
