import { DomainError } from '@tenantry/problem-details';

/** A grant id recorded earlier with other content: grants are never changed. */
export class GrantExistsError extends DomainError {
  constructor(grantId: string) {
    super({
      status: 409,
      type: 'grant-exists',
      title: 'Grant exists',
      detail: `Grant ${grantId} was recorded earlier with other content; grants are never changed.`,
      members: { grantId },
    });
  }
}
