import { PricingError } from './pricing-error';
import { costPer1000 } from './unit-economics';

describe('costPer1000', () => {
  it('divides the cost by thousands of requests', () => {
    expect(costPer1000('93.72', '12345')).toBe('7.591738');
    expect(costPer1000('4.2', '1000000')).toBe('0.004200');
    expect(costPer1000('0', '10')).toBe('0.000000');
  });

  it('rounds the sixth fraction digit half to even', () => {
    expect(costPer1000('0.0000025', '1000')).toBe('0.000002');
    expect(costPer1000('0.0000035', '1000')).toBe('0.000004');
  });

  it('has no cost per request without requests', () => {
    expect(costPer1000('12.50', '0')).toBeNull();
  });

  it.each([
    ['1e3', '10'],
    ['10', '-5'],
    ['10', 'many'],
  ])('refuses cost %j over %j requests', (cost, requests) => {
    expect(() => costPer1000(cost, requests)).toThrow(PricingError);
  });
});
