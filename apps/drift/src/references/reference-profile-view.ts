import type {
  CategoricalReference,
  ColumnReference,
  NumericReference,
  ReferenceProfile,
} from '@tenantry/drift-core';

/** A numeric column as the API shows it: the frozen bins and moments, without sketch or sample. */
export type NumericReferenceView = Omit<NumericReference, 'sample' | 'sketch'>;

/** A frozen column as the API shows it. */
export type ColumnReferenceView = NumericReferenceView | CategoricalReference;

/** A reference profile as `GET /v1/models/{key}/references/{version}` shows it. */
export interface ReferenceProfileView extends Omit<ReferenceProfile, 'features' | 'prediction'> {
  features: Record<string, ColumnReferenceView>;
  prediction: ColumnReferenceView | null;
}

/** The profile without the exact sample and the sketch: the bins are what a reader compares with. */
export function referenceProfileView(profile: ReferenceProfile): ReferenceProfileView {
  return {
    ...profile,
    features: Object.fromEntries(
      Object.entries(profile.features).map(([name, column]) => [name, columnView(column)]),
    ),
    prediction: profile.prediction ? columnView(profile.prediction) : null,
  };
}

function columnView(column: ColumnReference): ColumnReferenceView {
  if (column.kind === 'categorical') return column;
  const { sample: _sample, sketch: _sketch, ...view } = column;
  return view;
}
