import { DomainError } from '@tenantry/problem-details';

/** A usage query grouped by names the meter has no group of. */
export class UnknownGroupError extends DomainError {
  constructor(key: string, unknown: readonly string[], groups: readonly string[]) {
    const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
    super({
      status: 400,
      type: 'unknown-group',
      title: 'Unknown group',
      detail: `Meter "${key}" cannot be grouped by ${quoted(unknown)}; it groups by ${quoted(groups)}.`,
      members: { unknown, groups },
    });
  }
}
