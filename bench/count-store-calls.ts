import type { Store } from "../src/core/storage/store.ts";

/**
 * Wraps `store` so every call of a sub-store method (e.g. `repositories.findById`) is counted
 * in `counts`; transactions hand the same wrapping to their work.
 */
export function countStoreCalls(store: Store, counts: Map<string, number>): Store {
  const wrapPart = (name: string, part: object): object =>
    new Proxy(part, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const label = `${name}.${String(key)}`;
          counts.set(label, (counts.get(label) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === "transaction")
        return <T>(work: (tx: Store) => Promise<T>) => target.transaction((tx) => work(countStoreCalls(tx, counts)));
      if (typeof value === "function") return (value as (...a: unknown[]) => unknown).bind(target);
      return typeof value === "object" && value !== null ? wrapPart(String(key), value) : value;
    },
  });
}
