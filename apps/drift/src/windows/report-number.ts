/** A statistic or share for people: four significant digits, integers as they are, a dash for none. */
export function formatReportNumber(value: number | null): string {
  if (value === null) return '—';
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}
