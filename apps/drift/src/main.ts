// Tracing first: OpenTelemetry patches http and pg before Nest, Express or TypeORM load them.
import { startTelemetry } from '@tenantry/observability/telemetry';

const telemetry = startTelemetry({ serviceName: 'drift' });

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tenantry/config';
import { createLogger, PinoNestLogger } from '@tenantry/observability';
import { configureDriftHttp } from './drift-http';
import { DriftModule } from './drift.module';
import { driftSettings } from './drift-settings';

async function main(): Promise<void> {
  const config = loadConfig(driftSettings);
  const logger = createLogger({ service: 'drift', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(
    DriftModule.forRoot(config, logger),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(new PinoNestLogger(logger));
  configureDriftHttp(app);
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, 'drift listening');
  process.stdout.write('ready\n');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'drift shutting down');
      void app
        .close()
        .then(() => telemetry.shutdown())
        .then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
