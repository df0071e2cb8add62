import { DomainError } from '@tenantry/problem-details';

/** Why one row of a batch or an upload cannot be used; `row` counts from 0. */
export interface RowProblems {
  row: number;
  problems: string[];
}

/** Rows listed in the answer; the count says how many more there were. */
const listedRows = 20;

/** Sample rows the model cannot use: the whole batch or upload is refused, nothing is stored. */
export class InvalidSampleRowsError extends DomainError {
  /** `invalidRows` counts them all when `invalid` lists only the first (a streamed upload). */
  constructor(invalid: RowProblems[], total: number, invalidRows = invalid.length) {
    const listed = invalid.slice(0, listedRows);
    const more = invalidRows - listed.length;
    super({
      status: 422,
      type: 'invalid-sample-rows',
      title: 'Sample rows cannot be used',
      detail: [
        `${invalidRows} of ${total} row(s) cannot be used:`,
        listed.map(({ row, problems }) => `row ${row}: ${problems.join('; ')}`).join(' | '),
        ...(more > 0 ? [`(and ${more} more row(s))`] : []),
      ].join(' '),
      members: { invalidRows, rows: total, errors: listed },
    });
  }
}
