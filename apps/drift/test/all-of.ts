/** Every item of an async iterable, in order (what Array.fromAsync does, beyond this TypeScript lib). */
export async function allOf<T>(items: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
