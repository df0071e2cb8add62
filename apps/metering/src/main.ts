// Tracing first: OpenTelemetry patches http and pg before Nest, Express or TypeORM load them.
import { startTelemetry } from '@tenantry/observability/telemetry';

const telemetry = startTelemetry({ serviceName: 'metering' });

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@tenantry/config';
import { createLogger, PinoNestLogger } from '@tenantry/observability';
import { configureMeteringHttp } from './metering-http';
import { MeteringModule } from './metering.module';
import { meteringSettings } from './metering-settings';

async function main(): Promise<void> {
  const config = loadConfig(meteringSettings);
  const logger = createLogger({ service: 'metering', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(
    MeteringModule.forRoot(config, logger),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(new PinoNestLogger(logger));
  configureMeteringHttp(app);
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, 'metering listening');
  process.stdout.write('ready\n');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'metering shutting down');
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
