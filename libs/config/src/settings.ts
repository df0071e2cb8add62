import { z } from 'zod';

/** Comma-separated Kafka bootstrap addresses. */
export const kafkaSettings = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1)),
  KAFKA_CLIENT_ID: z.string().default('tenantry'),
});

/** PostgreSQL connection of a service; it connects as a role that does not own its tables. */
export const databaseSettings = z.object({
  DATABASE_URL: z.url().default('postgres://tenantry_app@127.0.0.1:5432/tenantry'),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
});

/** HTTP listener and identity of a service process. */
export const serviceSettings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});
