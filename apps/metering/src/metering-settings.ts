import { serviceInfrastructureSettings } from '@tenantry/service-kit';
import { z } from 'zod';

/** Everything the metering service reads from its environment. */
export const meteringSettings = serviceInfrastructureSettings.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  DATABASE_URL: z.url().default('postgres://tenantry_app@127.0.0.1:5432/tenantry_metering'),
  /** Most usage events applied in one transaction by the Kafka consumer. */
  METERING_CONSUMER_BATCH: z.coerce.number().int().min(1).max(5000).default(1000),
});

export type MeteringSettings = z.output<typeof meteringSettings>;
