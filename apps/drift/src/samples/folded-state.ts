import {
  emptyWindowState,
  foldRows,
  mergeWindowStates,
  type ModelSpec,
  type ReferenceProfile,
  type SampleRow,
  type WindowState,
} from '@tenantry/drift-core';

/** `base` with `rows` added: the rows are folded on their own and merged in, as any other split would be. */
export function foldedState(
  base: WindowState | undefined,
  rows: readonly SampleRow[],
  model: ModelSpec,
  reference: ReferenceProfile,
): WindowState {
  const delta = foldRows(emptyWindowState(model, reference), rows, model, reference);
  return base ? mergeWindowStates(base, delta) : delta;
}
