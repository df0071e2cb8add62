import { DomainError } from '@tenantry/problem-details';

/** A reference upload in a media type other than JSON, NDJSON or CSV. */
export class UnsupportedUploadTypeError extends DomainError {
  constructor() {
    super({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: 'Send application/json, application/x-ndjson or text/csv.',
    });
  }
}
