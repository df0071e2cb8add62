import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

/** A line of an NDJSON upload that is not JSON: an invalid row, named by its index like the others. */
export class UnreadableRow {
  constructor(readonly problem: string) {}
}

/** The rows of an NDJSON upload as the chunks arrive: one JSON value per non-blank line. */
export async function* ndjsonRows(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
  const lines = createInterface({ input: Readable.from(chunks), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      row = new UnreadableRow(`not valid JSON: ${(error as Error).message}`);
    }
    yield row;
  }
}
