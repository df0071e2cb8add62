import { DomainError } from '@tenantry/common';
import { InvalidDriftInputError } from './invalid-drift-input.error';

describe('InvalidDriftInputError', () => {
  it('is a 422 problem that says what is wrong with the input', () => {
    const error = new InvalidDriftInputError('current is empty');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      type: 'invalid-drift-input',
      title: 'Drift statistics cannot be computed from this input',
      status: 422,
      detail: 'current is empty',
    });
  });
});
