// A small projection used by the messaging tests: events add amounts to a tenant's
// ledger. `entries` has no unique key on purpose, so a double application shows.
import { defineEventContract, parseEvent, type CloudEvent } from '@tenantry/schemas';
import { serviceRoleGrantsSql, tenantIsolationSql } from '@tenantry/tenant-context';
import {
  BindOutboxToTenants1766000000002,
  CreateMessagingTables1764000000000,
  InboxRetention1766000000000,
  PoisonEventError,
  type ConsumedEvent,
  type EventHandler,
} from '../../src';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';

export const ledgerTopic = 'ledger.entries.v1';

/** The data of a ledger entry. */
export type LedgerEntry = { amount: number };

export const entryRecorded = defineEventContract<LedgerEntry>({
  type: 'ledger.entry.recorded',
  topic: ledgerTopic,
  description: 'Test fixture: an amount added to a tenant ledger',
  data: z.object({ amount: z.number().int() }),
  example: { amount: 5 },
});

export class CreateLedgerTables1764000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE SCHEMA ledger`,
      `CREATE TABLE ledger.entries (tenant_id text NOT NULL, event_id text NOT NULL, amount bigint NOT NULL, event_time timestamptz NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      `CREATE TABLE ledger.totals (tenant_id text PRIMARY KEY, events bigint NOT NULL, amount bigint NOT NULL)`,
      ...tenantIsolationSql('ledger.entries'),
      ...tenantIsolationSql('ledger.totals'),
      ...serviceRoleGrantsSql('ledger'),
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA ledger CASCADE');
  }
}

/** Applies entries with set-based SQL; an amount of -1 can never be applied. */
export class LedgerProjection implements EventHandler<LedgerEntry> {
  async handle(events: ConsumedEvent<LedgerEntry>[], manager: EntityManager): Promise<void> {
    const amounts = events.map(({ event }) => event.data.amount);
    const poisoned = events.find((_, index) => amounts[index] === -1);
    if (poisoned)
      throw new PoisonEventError(`entry ${poisoned.event.id} has the forbidden amount -1`);
    const tenantId = events[0]!.event.tenantid;
    await manager.query(
      `INSERT INTO ledger.entries (tenant_id, event_id, amount, event_time)
       SELECT $1, id, amount, time FROM unnest($2::text[], $3::bigint[], $4::timestamptz[]) AS e(id, amount, time)`,
      [
        tenantId,
        events.map(({ event }) => event.id),
        amounts,
        events.map(({ event }) => event.time),
      ],
    );
    await manager.query(
      `INSERT INTO ledger.totals (tenant_id, events, amount) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET events = totals.events + EXCLUDED.events, amount = totals.amount + EXCLUDED.amount`,
      [tenantId, events.length, amounts.reduce((sum, amount) => sum + amount, 0)],
    );
  }
}

/** Validates ledger events against their contract. */
export function parseLedgerEvent(event: CloudEvent<unknown>): CloudEvent<LedgerEntry> {
  return parseEvent(entryRecorded, event);
}

/** Migrates a fresh test database as its owner. */
export async function migrateLedgerDatabase(ownerUrl: string): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: [
      CreateMessagingTables1764000000000,
      CreateLedgerTables1764000000001,
      BindOutboxToTenants1766000000002,
      InboxRetention1766000000000,
    ],
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.destroy();
}

/** A service-role connection pool, as a service has. */
export async function serviceDataSource(serviceUrl: string): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url: serviceUrl, poolSize: 5 });
  return dataSource.initialize();
}
