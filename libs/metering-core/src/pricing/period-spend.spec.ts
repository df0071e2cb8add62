import { previewInvoice } from './invoice';
import { periodSpend } from './period-spend';
import type { Plan } from './plan';

const plan: Plan = {
  key: 'growth',
  version: 1,
  currency: 'USD',
  flatFees: [{ key: 'platform', amount: '49.00' }],
  charges: [{ meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.01' } }],
  minimumCommitment: '200.00',
};

describe('periodSpend', () => {
  it('counts usage charges and fixed fees, not the minimum true-up', () => {
    const invoice = previewInvoice({ plan, period: '2026-03', usage: { api_calls: '1234' } });
    expect(invoice.subtotal).toBe('200.00');
    expect(periodSpend(invoice)).toEqual({ amount: '61.34', currency: 'USD' });
  });

  it('leaves out adjustments, which bill earlier periods', () => {
    const invoice = previewInvoice({
      plan,
      period: '2026-03',
      usage: { api_calls: '100' },
      adjustments: [
        {
          meterKey: 'api_calls',
          quantity: '5000',
          reason: 'late event',
          originalPeriod: '2026-02',
        },
      ],
      finalizedPeriods: { '2026-02': { plan, invoicedUsage: { api_calls: '20000' } } },
    });
    expect(invoice.total).toBe('250.00');
    expect(periodSpend(invoice)).toEqual({ amount: '50.00', currency: 'USD' });
  });

  it('writes the amount in the currency minor units', () => {
    const yen: Plan = { ...plan, currency: 'JPY', flatFees: [], minimumCommitment: undefined };
    const invoice = previewInvoice({ plan: yen, period: '2026-03', usage: { api_calls: '0' } });
    expect(periodSpend(invoice)).toEqual({ amount: '0', currency: 'JPY' });
  });
});
