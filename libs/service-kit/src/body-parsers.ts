import type { NestExpressApplication } from '@nestjs/platform-express';

/** The request bodies a service parses; a larger one is answered 413. */
export interface BodyParsers {
  /** The largest JSON body, e.g. '8mb'. */
  jsonLimit: string;
  /** Media types parsed as JSON besides application/json (e.g. the CloudEvents ones). */
  jsonTypes?: string[];
  /** Bodies kept as text (uploads as NDJSON or CSV): their media types and the largest size. */
  text?: { types: string[]; limit: string };
}

/** Installs the body parsers: the service's process and its in-process tests parse alike. */
export function useBodyParsers(app: NestExpressApplication, parsers: BodyParsers): void {
  app.useBodyParser('json', {
    limit: parsers.jsonLimit,
    type: ['application/json', ...(parsers.jsonTypes ?? [])],
  });
  if (parsers.text) {
    app.useBodyParser('text', { type: parsers.text.types, limit: parsers.text.limit });
  }
}
