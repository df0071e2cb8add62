import { InvalidDriftInputError } from './invalid-drift-input.error';

// The statistics would answer NaN (or throw deep inside a loop) on such input; refusing it at
// the door gives the caller one clear sentence instead.

/** Refuses an empty sample or one holding NaN or an infinity. */
export function requireFiniteSample(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) throw new InvalidDriftInputError(`${name} is empty`);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidDriftInputError(
        `${name}[${index}] is ${String(value)}, not a finite number`,
      );
    }
  }
}

/** Refuses counts that are negative, not finite, or all zero. */
export function requireCounts(counts: readonly number[], name: string): void {
  if (counts.length === 0) throw new InvalidDriftInputError(`${name} has no bins or categories`);
  let total = 0;
  counts.forEach((count, index) => {
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
      throw new InvalidDriftInputError(`${name}[${index}] is ${String(count)}, not a count`);
    }
    total += count;
  });
  if (total === 0)
    throw new InvalidDriftInputError(`${name} holds no observation (all counts are 0)`);
}

/** Refuses two count vectors that do not describe the same bins or categories. */
export function requireAligned(reference: readonly number[], current: readonly number[]): void {
  if (reference.length !== current.length) {
    throw new InvalidDriftInputError(
      `reference and current counts must cover the same bins, got ${reference.length} and ${current.length}`,
    );
  }
}
