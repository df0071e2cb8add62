import { authSettings } from '@tenantry/auth';
import { databaseSettings, serviceSettings } from '@tenantry/config';
import { messagingSettings } from '@tenantry/messaging';
import { z } from 'zod';

/** Everything the metering service reads from its environment. */
export const meteringSettings = serviceSettings
  .extend(databaseSettings.shape)
  .extend(messagingSettings.shape)
  .extend(authSettings.shape)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3004),
    DATABASE_URL: z.url().default('postgres://tenantry_app@127.0.0.1:5432/tenantry_metering'),
    /** The tables' owner, for migrations; default DATABASE_URL. */
    MIGRATION_DATABASE_URL: z.url().optional(),
    /** Most usage events applied in one transaction by the Kafka consumer. */
    METERING_CONSUMER_BATCH: z.coerce.number().int().min(1).max(5000).default(1000),
  });

export type MeteringSettings = z.output<typeof meteringSettings>;
