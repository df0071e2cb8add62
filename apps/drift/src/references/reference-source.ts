/** Where a reference's rows came from, as stored with it. */
export type ReferenceSource =
  | { kind: 'upload'; format: 'json' | 'ndjson' | 'csv'; rows: number }
  | { kind: 'samples'; from: string; to: string; rows: number };
