export { canonicalJson } from './canonical-json';
export { compareCodeUnits } from './compare-code-units';
export { DomainError, type DomainErrorOptions } from './domain-error';
