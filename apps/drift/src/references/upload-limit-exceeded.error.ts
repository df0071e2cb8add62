import { DomainError } from '@tenantry/problem-details';

/** A reference upload over DRIFT_REFERENCE_MAX_ROWS rows or DRIFT_REFERENCE_MAX_BYTES bytes. */
export class UploadLimitExceededError extends DomainError {
  constructor(limit: 'rows' | 'bytes', maximum: number) {
    const most = maximum.toLocaleString('en-US');
    super({
      status: 413,
      type: 'upload-too-large',
      title: 'Upload exceeds a limit',
      detail:
        limit === 'rows'
          ? `A reference upload holds at most ${most} rows.`
          : `A reference upload of NDJSON or CSV is at most ${most} bytes.`,
      members: { limit, maximum },
    });
  }
}
