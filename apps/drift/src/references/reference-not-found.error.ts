import { DomainError } from '@tenantry/problem-details';

/** The model has no reference with this version. */
export class ReferenceNotFoundError extends DomainError {
  constructor(key: string, version: number) {
    super({
      status: 404,
      type: 'reference-not-found',
      title: 'Reference not found',
      detail: `Model "${key}" has no reference version ${version}.`,
      members: { key, version },
    });
  }
}
