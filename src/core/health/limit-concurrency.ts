/** Runs a task when a slot is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limiter that lets at most `max` tasks run at once, in the order they asked.
 * @example const limit = limitConcurrency(4); await Promise.all(items.map((i) => limit(() => check(i))));
 */
export function limitConcurrency(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Both limiters at once: the inner (per-credential) slot is taken first so no outer slot idles. */
export function nestLimiters(outer: Limiter, inner: Limiter): Limiter {
  return (task) => inner(() => outer(task));
}
