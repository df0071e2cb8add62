import { DomainError } from '@tenantry/problem-details';

/** The model's spec changed (or the model was replaced) while its reference upload was read. */
export class ModelChangedDuringUploadError extends DomainError {
  constructor(key: string) {
    super({
      status: 409,
      type: 'model-changed-during-upload',
      title: 'Model changed during the upload',
      detail: `Model "${key}" changed while the reference upload was read; upload it again.`,
      members: { key },
    });
  }
}
