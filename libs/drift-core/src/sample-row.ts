import { sampleRowSchema } from '@tenantry/schemas';
import type { SampleRow, SampleValue } from './drift-types';
import type { FeatureSpec, ModelSpec } from './model-spec';

/** A feature of a row by name; null when the row does not have it. */
export function featureValue(row: SampleRow, name: string): SampleValue {
  // Own properties only: a feature may be called "constructor" or "__proto__".
  return Object.hasOwn(row.features, name) ? (row.features[name] ?? null) : null;
}

/**
 * Every reason the model cannot use the row, each naming its field: numeric columns take a
 * finite number or null, categorical ones a string, boolean, finite number or null; a missing
 * column counts as null. Empty when the row is usable.
 */
export function rowProblems(row: SampleRow, model: ModelSpec): string[] {
  const problems: string[] = [];
  if (!sampleRowSchema.shape.timestamp.safeParse(row.timestamp).success) {
    problems.push(`timestamp is ${described(row.timestamp)}, not an ISO 8601 time with an offset`);
  }
  for (const feature of model.features) {
    const problem = valueProblem(
      `features.${feature.name}`,
      featureValue(row, feature.name),
      feature.kind,
    );
    if (problem) problems.push(problem);
  }
  if (model.prediction) {
    const problem = valueProblem('prediction', row.prediction ?? null, model.prediction.kind);
    if (problem) problems.push(problem);
  }
  if (model.performance) {
    const kind = model.performance.metric === 'mae' ? 'numeric' : 'categorical';
    const problem = valueProblem('label', row.label ?? null, kind);
    if (problem) problems.push(problem);
  }
  return problems;
}

function valueProblem(field: string, value: unknown, kind: FeatureSpec['kind']): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${field} is ${String(value)}, not a finite number`;
  }
  if (kind === 'numeric') return `${field} is ${described(value)}, not a number`;
  if (typeof value === 'string' || typeof value === 'boolean') return null;
  return `${field} is ${described(value)}, not a string, number or boolean`;
}

function described(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
