import { Readable } from 'node:stream';
import { allOf } from '../../test/all-of';
import { ndjsonRows, UnreadableRow } from './ndjson-rows';

const rowsOf = (...chunks: string[]) => allOf(ndjsonRows(Readable.from(chunks)));

describe('ndjsonRows', () => {
  it('reads one JSON value per line across chunk boundaries, skipping blank lines and CRLF endings', async () => {
    expect(await rowsOf('{"a":1}\r', '\n\n  \n{"b"', ':2}\n{"c":3}')).toEqual([
      { a: 1 },
      { b: 2 },
      { c: 3 },
    ]);
  });

  it('gives a line that is not JSON as an unreadable row, in its place', async () => {
    const rows = await rowsOf('{"a":1}\n\n{"a":NaN}\n{"a":2}\n{oops\n');
    expect(rows.map((row) => row instanceof UnreadableRow)).toEqual([false, true, false, true]);
    expect((rows[1] as UnreadableRow).problem).toMatch(/^not valid JSON/);
  });
});
