/**
 * Thrown by a handler for an event that can never be applied (it contradicts the
 * state, names something unknown): the event goes to the dead-letter topic at once.
 * Events a handler reports as `rejected` are dead-lettered under this name too.
 */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}
