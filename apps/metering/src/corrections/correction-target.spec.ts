import { DomainError } from '@tenantry/problem-details';
import { correctionTarget } from './correction-target';

const event = (source: string, voidedAt: Date | null = null) => ({ source, voidedAt });

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the event a correction names', () => {
  it('is the only event with the id', () => {
    expect(correctionTarget([event('gateway')], 'e-1', undefined)).toEqual(event('gateway'));
  });

  it('is the event of the named source when several sources used the id', () => {
    const candidates = [event('billing'), event('gateway')];
    expect(correctionTarget(candidates, 'e-1', 'gateway')).toEqual(event('gateway'));
  });

  it('is ambiguous without a source when several sources used the id, listing them', () => {
    const problem = refusal(() =>
      correctionTarget([event('gateway'), event('billing')], 'e-1', undefined),
    );
    expect(problem.status).toBe(409);
    expect(problem.members).toMatchObject({ sources: ['billing', 'gateway'] });
  });

  it('is not found when no event, or none of the source, has the id', () => {
    expect(refusal(() => correctionTarget([], 'e-1', undefined)).status).toBe(404);
    expect(refusal(() => correctionTarget([event('gateway')], 'e-1', 'billing')).status).toBe(404);
  });

  it('refuses an event already voided', () => {
    const voided = event('gateway', new Date('2026-03-01T00:00:00Z'));
    const problem = refusal(() => correctionTarget([voided], 'e-1', undefined));
    expect(problem).toMatchObject({ status: 409, type: 'usage-event-voided' });
  });
});
