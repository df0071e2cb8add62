/** Thrown when a message or an event is not a valid CloudEvents envelope; `reason` says what is wrong. */
export class EnvelopeError extends Error {
  constructor(readonly reason: string) {
    super(`invalid CloudEvent: ${reason}`);
    this.name = 'EnvelopeError';
  }
}
