import { appendFileSync, readFileSync } from 'node:fs';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** One finished span as the span file stores it. */
export interface RecordedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: keyof typeof SpanKind;
  status: keyof typeof SpanStatusCode;
  service: string;
  attributes: Attributes;
  /** Spans this one is linked to (e.g. a consumer span to the producer span of its message). */
  links: { traceId: string; spanId: string }[];
  startMs: number;
  endMs: number;
}

/**
 * Appends each finished span to a file as one JSON line, synchronously, so a test can read
 * the spans of a child process while it runs and even after it was killed.
 * Not for production: use OTLP there.
 */
export class SpanFileExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      appendFileSync(
        this.file,
        spans.map((span) => `${JSON.stringify(toRecordedSpan(span))}\n`).join(''),
      );
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
}

/** The spans a `SpanFileExporter` wrote so far ([] before the file exists). */
export function readSpanFile(file: string): RecordedSpan[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  // The last piece is '' after a complete line, or a line the writer has not finished yet.
  lines.pop();
  return lines.map((line) => JSON.parse(line) as RecordedSpan);
}

function toRecordedSpan(span: ReadableSpan): RecordedSpan {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    kind: SpanKind[span.kind] as keyof typeof SpanKind,
    status: SpanStatusCode[span.status.code] as keyof typeof SpanStatusCode,
    service: String(span.resource.attributes['service.name']),
    attributes: span.attributes,
    links: span.links.map(({ context: { traceId, spanId } }) => ({ traceId, spanId })),
    startMs: hrTimeToMilliseconds(span.startTime),
    endMs: hrTimeToMilliseconds(span.endTime),
  };
}
