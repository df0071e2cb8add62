import fc from 'fast-check';
import {
  costCapSchema,
  nextCapState,
  settleCapState,
  type CapEvent,
  type CapObservation,
  type CapState,
} from './cost-cap';

const cap = { amount: '100.00', currency: 'EUR' };
const observe = (spend: string, changes: Partial<CapObservation> = {}): CapObservation => ({
  spend: { amount: spend, currency: 'EUR' },
  cap,
  periodChanged: false,
  capChanged: false,
  ...changes,
});

describe('cost cap circuit breaker', () => {
  it('stays closed while spend is below the cap', () => {
    expect(nextCapState('closed', observe('99.99'))).toEqual({ state: 'closed' });
  });

  it('opens and emits cap.reached when spend reaches the cap', () => {
    expect(nextCapState('closed', observe('100'))).toEqual({ state: 'open', emit: 'cap.reached' });
  });

  it('stays open within the period even if spend falls back below the cap', () => {
    expect(nextCapState('open', observe('20'))).toEqual({ state: 'open' });
  });

  it('goes half-open on a new period', () => {
    expect(nextCapState('open', observe('0', { periodChanged: true }))).toEqual({
      state: 'half-open',
    });
  });

  it('goes half-open when the cap changes', () => {
    expect(nextCapState('open', observe('150', { capChanged: true }))).toEqual({
      state: 'half-open',
    });
  });

  it('closes from half-open and emits cap.cleared when spend is below the cap', () => {
    expect(nextCapState('half-open', observe('0'))).toEqual({
      state: 'closed',
      emit: 'cap.cleared',
    });
  });

  it('opens again from half-open without an event when spend is still at the cap', () => {
    expect(nextCapState('half-open', observe('100'))).toEqual({ state: 'open' });
  });

  it('settles a new period straight to closed with cap.cleared', () => {
    expect(settleCapState('open', observe('0', { periodChanged: true }))).toEqual({
      state: 'closed',
      emit: 'cap.cleared',
    });
  });

  it('settles a cap raised too little back to open without an event', () => {
    const raised = {
      ...observe('150', { capChanged: true }),
      cap: { amount: '120', currency: 'EUR' },
    };
    expect(settleCapState('open', raised)).toEqual({ state: 'open' });
  });

  it('refuses to compare spend and cap in different currencies', () => {
    expect(() =>
      nextCapState('closed', { ...observe('1'), spend: { amount: '1', currency: 'USD' } }),
    ).toThrow(/USD/);
  });

  it('accepts a positive decimal cap in an ISO currency only', () => {
    expect(costCapSchema.safeParse({ amount: '500', currency: 'EUR' }).success).toBe(true);
    expect(costCapSchema.safeParse({ amount: '0', currency: 'EUR' }).success).toBe(false);
    expect(costCapSchema.safeParse({ amount: '1e3', currency: 'EUR' }).success).toBe(false);
    expect(costCapSchema.safeParse({ amount: '500', currency: 'EURO' }).success).toBe(false);
  });

  describe('over any sequence of observations', () => {
    const observation = fc.record({
      spend: fc.integer({ min: 0, max: 200 }).map(String),
      periodChanged: fc.boolean(),
      capChanged: fc.boolean(),
    });
    const run = (
      step: (state: CapState, observation: CapObservation) => { state: CapState; emit?: CapEvent },
      observations: Array<{ spend: string; periodChanged: boolean; capChanged: boolean }>,
    ) => {
      let state: CapState = 'closed';
      const emitted: CapEvent[] = [];
      const states: CapState[] = [];
      for (const { spend, ...changes } of observations) {
        const next = step(state, observe(spend, changes));
        if (next.emit) emitted.push(next.emit);
        state = next.state;
        states.push(state);
      }
      return { emitted, states, state };
    };

    it('alternates cap.reached and cap.cleared, starting with cap.reached', () => {
      fc.assert(
        fc.property(fc.array(observation, { maxLength: 60 }), (observations) => {
          for (const step of [nextCapState, settleCapState]) {
            const { emitted } = run(step, observations);
            emitted.forEach((event, index) =>
              expect(event).toBe(index % 2 === 0 ? 'cap.reached' : 'cap.cleared'),
            );
          }
        }),
      );
    });

    it('leaves the gateway blocking exactly when the breaker is not closed', () => {
      fc.assert(
        fc.property(fc.array(observation, { maxLength: 60 }), (observations) => {
          const { emitted, state } = run(nextCapState, observations);
          const blocking = emitted.at(-1) === 'cap.reached';
          expect(blocking).toBe(state !== 'closed');
        }),
      );
    });

    it('never rests half-open once settled', () => {
      fc.assert(
        fc.property(fc.array(observation, { maxLength: 60 }), (observations) => {
          expect(run(settleCapState, observations).states).not.toContain('half-open');
        }),
      );
    });
  });
});
