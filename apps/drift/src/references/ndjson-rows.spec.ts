import { InvalidSampleRowsError } from '../samples/invalid-sample-rows.error';
import { ndjsonRows } from './ndjson-rows';

describe('ndjsonRows', () => {
  it('reads one JSON value per line, skipping blank lines and CRLF endings', () => {
    expect(ndjsonRows('{"a":1}\r\n\n  \n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses lines that are not JSON, naming each by its row index', () => {
    let thrown: unknown;
    try {
      ndjsonRows('{"a":1}\n\n{"a":NaN}\n{"a":2}\n{oops\n');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidSampleRowsError);
    const { members } = thrown as InvalidSampleRowsError;
    expect(members.invalidRows).toBe(2);
    expect((members.errors as Array<{ row: number }>).map((error) => error.row)).toEqual([1, 3]);
  });
});
