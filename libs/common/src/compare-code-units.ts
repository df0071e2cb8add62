/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does without a comparator:
 * the same order on every machine and in every locale, unlike `localeCompare`.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
