import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type serviceSettings } from '@tenantry/config';
import { PinoNestLogger } from '@tenantry/observability';
import type { Telemetry } from '@tenantry/observability/telemetry';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { useBodyParsers } from './body-parsers';
import type { ServiceDefinition } from './service-definition';
import { createServiceLogger } from './service-logger';

/**
 * Starts a service in this process: reads its settings, logs through pino, parses bodies, listens
 * on PORT, then initializes the application (connects PostgreSQL, starts the outbox relay, joins
 * the consumer groups, starts the periodic jobs) and prints `ready` on stdout. SIGTERM or SIGINT
 * closes the application, then flushes the last spans, then exits.
 */
export async function runService<Settings extends z.output<typeof serviceSettings>>(
  name: string,
  definition: ServiceDefinition<Settings>,
  telemetry: Telemetry,
): Promise<void> {
  const config = loadConfig(definition.settings);
  const logger = createServiceLogger(name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(
    definition.rootModule(config, logger),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(new PinoNestLogger(logger));
  app.flushLogs();
  useBodyParsers(app, definition.bodyParsers);
  stopOnSignal(name, app, telemetry, logger);
  // Listening before init: the routes are in place before init connects PostgreSQL and joins
  // consumer groups (seconds), so /health/live answers meanwhile and /health/ready says why not.
  await listen(app.getHttpServer(), config.PORT);
  await app.init();
  logger.info({ port: config.PORT }, `${name} ready`);
  process.stdout.write('ready\n');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stopOnSignal(
  name: string,
  app: INestApplication,
  telemetry: Telemetry,
  logger: Logger,
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, `${name} shutting down`);
      void app
        .close()
        .then(() => telemetry.shutdown())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, `${name} did not shut down cleanly`);
            process.exit(1);
          },
        );
    });
  }
}
