export * from './currency';
export * from './invoice';
export { toMoney, type Money } from './money';
export * from './plan';
export * from './price-tiers';
export * from './pricing-error';
export { chargeModelSchema, priceUsage, type ChargeModel } from './rate-card';
export * from './unit-economics';
