import { authSettings } from '@tenantry/auth';
import { databaseSettings, serviceSettings } from '@tenantry/config';
import { messagingSettings } from '@tenantry/messaging';
import { z } from 'zod';

/**
 * What every service reads from its environment: port, logging, PostgreSQL, Kafka, internal
 * tokens. A service extends it with its own settings and defaults (PORT, DATABASE_URL).
 */
export const serviceInfrastructureSettings = serviceSettings
  .extend(databaseSettings.shape)
  .extend(messagingSettings.shape)
  .extend(authSettings.shape)
  .extend({
    /** The tables' owner, for migrations; default DATABASE_URL. */
    MIGRATION_DATABASE_URL: z.url().optional(),
    /**
     * Requests of routes marked `@ExpensiveOperation()` one tenant may have in flight at once on
     * one instance; more are answered 429.
     */
    EXPENSIVE_REQUESTS_PER_TENANT: z.coerce.number().int().min(1).max(100).default(2),
  });

export type ServiceInfrastructureSettings = z.output<typeof serviceInfrastructureSettings>;
