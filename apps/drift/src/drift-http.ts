import type { NestExpressApplication } from '@nestjs/platform-express';

/** Body parsers of the drift API, shared by main.ts and the tests so both parse alike. */
export function configureDriftHttp(app: NestExpressApplication): void {
  // Sample batches of up to 5,000 rows, and reference uploads as JSON rows.
  app.useBodyParser('json', { limit: '64mb' });
  // Reference uploads as NDJSON or CSV.
  app.useBodyParser('text', { type: ['application/x-ndjson', 'text/csv'], limit: '256mb' });
}
