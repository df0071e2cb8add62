import { InvalidDriftInputError } from './invalid-drift-input.error';

/** The column of a reference or window state that a model names; a missing one is invalid input. */
export function columnOf<Column>(
  columns: Readonly<Record<string, Column>>,
  name: string,
  side: 'reference' | 'window',
): Column {
  const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (column === undefined) {
    throw new InvalidDriftInputError(`the ${side} has no column "${name}" of the model`);
  }
  return column;
}
