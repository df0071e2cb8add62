import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import type { BatchOutcome } from './sample-ingestor';
import {
  sampleBatchesDuplicate,
  sampleBatchesRejected,
  sampleRowsIngested,
} from './sample-metrics';

/**
 * Counts batch outcomes in the sample metrics once the transaction that decided them commits:
 * a transaction retried after a failure (a consumer chunk, an HTTP request) counts once, and a
 * rolled-back one not at all. Savepoints are not told apart: what a transaction recorded is
 * counted when the outermost transaction commits.
 */
@Injectable()
export class CommittedSampleMetrics implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, BatchOutcome[]>();

  constructor(private readonly dataSource: DataSource) {}

  /** Outcomes decided in `manager`'s open transaction, counted when it commits. */
  record(manager: EntityManager, outcomes: readonly BatchOutcome[]): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive)
      throw new Error('sample outcomes are counted when a transaction commits; none is open');
    // Subscribed here, not at construction: initializing the data source replaces its subscribers.
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), ...outcomes]);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint released
    const outcomes = this.pending.get(queryRunner) ?? [];
    this.pending.delete(queryRunner);
    for (const outcome of outcomes) count(outcome);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
  }
}

function count(outcome: BatchOutcome): void {
  switch (outcome.status) {
    case 'accepted':
      return sampleRowsIngested.inc(outcome.rows);
    case 'duplicate':
      return sampleBatchesDuplicate.inc();
    case 'rejected':
      return sampleBatchesRejected.inc({ reason: outcome.reason });
  }
}
