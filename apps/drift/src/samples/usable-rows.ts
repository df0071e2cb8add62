import { rowProblems, type ModelSpec, type SampleRow } from '@tenantry/drift-core';
import { inputBoundaryIssues, sampleRowSchema } from '@tenantry/schemas';
import { InvalidSampleRowsError, type RowProblems } from './invalid-sample-rows.error';

/** The rows as SampleRows when every one is usable by the model; else InvalidSampleRowsError naming each bad row. */
export function usableRows(rows: readonly unknown[], model: ModelSpec): SampleRow[] {
  return everyRowUsable(rows, (row) => sampleRowProblems(row, model)) as SampleRow[];
}

/**
 * {@link usableRows} for rows whose shape `sampleRowSchema` has checked already (a drift.samples
 * event's contract): only what the model needs of them is checked, not the shape again.
 */
export function usableSampleRows(rows: readonly SampleRow[], model: ModelSpec): SampleRow[] {
  return everyRowUsable(rows, (row) => rowProblems(row, model));
}

function everyRowUsable<Row>(rows: readonly Row[], problemsOf: (row: Row) => string[]): Row[] {
  const invalid: RowProblems[] = [];
  rows.forEach((row, index) => {
    const problems = problemsOf(row);
    if (problems.length > 0) invalid.push({ row: index, problems });
  });
  if (invalid.length > 0) throw new InvalidSampleRowsError(invalid, rows.length);
  return rows as Row[];
}

/**
 * The input boundary first (text PostgreSQL can store: a streamed upload passes no other check),
 * then the row's shape (sampleRowSchema: fields, value types), then what the model needs of it
 * (rowProblems: finite numbers for numeric columns...). A field the shape check has named is not
 * named twice.
 */
export function sampleRowProblems(row: unknown, model: ModelSpec): string[] {
  const unstorable = inputBoundaryIssues(row);
  if (unstorable.length > 0) {
    return unstorable.map(({ path, message }) => `${path.join('.') || 'row'}: ${message}`);
  }
  const shape = sampleRowSchema.safeParse(row);
  if (shape.success) return rowProblems(shape.data, model);
  const problems = shape.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`,
  );
  if (!isRecord(row) || !isRecord(row.features)) return problems;
  const named = new Set(shape.error.issues.map((issue) => issue.path.map(String).join('.')));
  for (const problem of rowProblems(row as unknown as SampleRow, model)) {
    if (!named.has(problem.split(' ')[0]!)) problems.push(problem);
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
