import { createLogger } from '@tenantry/observability';
import type { Level, Logger } from 'pino';
import pinoPretty from 'pino-pretty';

/**
 * The service's pino logger: one JSON object per line for log pipelines, or coloured lines
 * for a person when stdout is a terminal (scripts/stack, a service started by hand).
 */
export function createServiceLogger(service: string, level: Level | 'silent'): Logger {
  if (!process.stdout.isTTY) return createLogger({ service, level });
  return createLogger({
    service,
    level,
    destination: pinoPretty({
      colorize: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  });
}
