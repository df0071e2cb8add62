import { InvalidSampleRowsError, type RowProblems } from '../samples/invalid-sample-rows.error';

/** The rows of an NDJSON upload, one JSON value per non-blank line; lines that are not JSON are refused with their row index. */
export function ndjsonRows(text: string): unknown[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const rows: unknown[] = [];
  const invalid: RowProblems[] = [];
  lines.forEach((line, index) => {
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      invalid.push({ row: index, problems: [`not valid JSON: ${(error as Error).message}`] });
    }
  });
  if (invalid.length > 0) throw new InvalidSampleRowsError(invalid, lines.length);
  return rows;
}
