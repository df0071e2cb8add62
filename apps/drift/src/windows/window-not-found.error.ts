import { DomainError } from '@tenantry/problem-details';

/** The model has no window with this index in this segment. */
export class WindowNotFoundError extends DomainError {
  constructor(modelKey: string, segment: string, windowIndex: number) {
    super({
      status: 404,
      type: 'window-not-found',
      title: 'Window not found',
      detail: `Model "${modelKey}" has no window ${windowIndex} in segment "${segment}".`,
      members: { key: modelKey, segment, windowIndex },
    });
  }
}
