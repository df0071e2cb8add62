import { pipeline, Readable } from 'node:stream';
import type { ModelSpec, SampleValue } from '@tenantry/drift-core';
import { CsvError, parse } from 'csv-parse';
import { MalformedUploadError } from './malformed-upload.error';

const rowFields = new Set(['timestamp', 'prediction', 'label']);
const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Rows of a CSV upload with a header row, parsed as the chunks arrive: `timestamp`, `prediction`
 * and `label` columns fill those fields, every other column is a feature. An empty cell is null
 * (an empty timestamp is left out); cells of numeric columns become numbers when they are
 * decimal literals and stay text otherwise, so that row validation names the offending value
 * ("NaN", "abc").
 */
export async function* csvRows(
  chunks: AsyncIterable<Buffer | string>,
  model: ModelSpec,
): AsyncGenerator<Record<string, unknown>> {
  const numeric = numericColumns(model);
  const records = parse({ columns: uniqueHeader, bom: true, skip_empty_lines: true });
  // An error of the chunks (a limit passed) destroys the parser with it, so the loop throws it.
  pipeline(Readable.from(chunks), records, () => {});
  try {
    for await (const record of records as AsyncIterable<Record<string, string>>) {
      yield rowOf(record, numeric);
    }
  } catch (error) {
    if (error instanceof CsvError || error instanceof MalformedUploadError) {
      throw new MalformedUploadError(`CSV: ${error.message}`);
    }
    throw error;
  }
}

function rowOf(record: Record<string, string>, numeric: Set<string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const features: Record<string, SampleValue> = {};
  for (const [column, cell] of Object.entries(record)) {
    const value = cellValue(cell, numeric.has(column));
    if (column === 'timestamp') {
      if (value !== null) row.timestamp = value;
    } else if (rowFields.has(column)) {
      row[column] = value;
    } else {
      features[column] = value;
    }
  }
  row.features = features;
  return row;
}

function uniqueHeader(header: string[]): string[] {
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) throw new MalformedUploadError(`column "${column}" appears twice`);
    seen.add(column);
  }
  return header;
}

function numericColumns(model: ModelSpec): Set<string> {
  const columns = new Set(
    model.features.filter((feature) => feature.kind === 'numeric').map((feature) => feature.name),
  );
  if (model.prediction?.kind === 'numeric') columns.add('prediction');
  if (model.performance?.metric === 'mae') columns.add('label');
  return columns;
}

function cellValue(cell: string, numeric: boolean): SampleValue {
  if (cell.trim() === '') return null;
  if (numeric && decimal.test(cell.trim())) return Number(cell);
  return cell;
}
