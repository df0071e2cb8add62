import type { NestExpressApplication } from '@nestjs/platform-express';
import { cloudEventsHttpContentTypes } from '@tenantry/schemas';

/** Body parsers of the metering API, shared by main.ts and the tests so both parse alike. */
export function configureMeteringHttp(app: NestExpressApplication): void {
  // A batch of 1,000 events; each event is held to 64 KiB on its own. CloudEvents come as
  // plain JSON or in the CloudEvents media types (structured event, batch).
  app.useBodyParser('json', {
    limit: '8mb',
    type: ['application/json', ...Object.values(cloudEventsHttpContentTypes)],
  });
}
