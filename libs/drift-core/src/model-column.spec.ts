import { InvalidDriftInputError } from './invalid-drift-input.error';
import { columnOf } from './model-column';

describe('columnOf', () => {
  it('returns the named column', () => {
    expect(columnOf({ age: 1, plan: 2 }, 'plan', 'window')).toBe(2);
  });

  it('refuses a column the side does not hold, naming the side', () => {
    expect(() => columnOf({ age: 1 }, 'plan', 'reference')).toThrow(
      new InvalidDriftInputError('the reference has no column "plan" of the model'),
    );
  });

  it('does not take inherited properties for columns', () => {
    expect(() => columnOf({}, 'toString', 'window')).toThrow(InvalidDriftInputError);
  });
});
