/**
 * Sorts a copy of `items` by the given text keys in code-point order, so every database
 * (whatever its collation) and the in-memory fake list in the same order.
 */
export function sortBy<T>(items: readonly T[], ...keys: ((item: T) => string)[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
