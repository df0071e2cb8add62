/** What a domain error tells the caller: the problem it stands for. */
export interface DomainErrorOptions {
  /** HTTP status, 400-599. */
  status: number;
  /** Kebab-case name of the kind of problem, e.g. `quota-exceeded`; becomes the `type` URI. */
  type: string;
  /** Short summary of the kind of problem, the same for every occurrence. */
  title: string;
  /** What went wrong this time, for a human. */
  detail?: string;
  /** Extension members of the problem body, e.g. `{ limit: 1000 }`. */
  members?: Record<string, unknown>;
  /** Response headers the answer needs, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A refusal by a domain rule. `@tenantry/problem-details` answers it as problem+json with its
 * own status and type; it stays framework-free here so domain cores and the CLI can throw it.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly members: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(options: DomainErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause });
    if (!Number.isInteger(options.status) || options.status < 400 || options.status > 599) {
      throw new RangeError(`A domain error needs an error status (400-599), got ${options.status}`);
    }
    if (!slugPattern.test(options.type)) {
      throw new RangeError(`A domain error type is a kebab-case slug, got "${options.type}"`);
    }
    this.name = new.target.name;
    this.status = options.status;
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail;
    this.members = options.members ?? {};
    this.headers = options.headers ?? {};
  }
}
