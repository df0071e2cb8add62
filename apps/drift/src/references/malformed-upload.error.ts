import { DomainError } from '@tenantry/problem-details';

/** A reference upload that cannot be read as rows at all (broken CSV, a body of the wrong shape). */
export class MalformedUploadError extends DomainError {
  constructor(detail: string) {
    super({ status: 422, type: 'malformed-upload', title: 'Upload cannot be read', detail });
  }
}
