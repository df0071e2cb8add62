/** Thrown when an event does not satisfy its contract; `reason` lists each problem with its path. */
export class SchemaViolationError extends Error {
  readonly reason: string;

  constructor(
    readonly contract: string,
    readonly issues: readonly string[],
  ) {
    const reason = `event does not satisfy ${contract}: ${issues.join('; ')}`;
    super(reason);
    this.name = 'SchemaViolationError';
    this.reason = reason;
  }
}
