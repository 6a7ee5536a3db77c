/** How `until` polls. */
export interface UntilOptions {
  /** How long to keep asking: generous, because the machine running the tests may be loaded. */
  deadlineMs?: number;
  everyMs?: number;
  /** Count a probe that throws as "not yet" (a server that is restarting, a store that is away). */
  tolerateErrors?: boolean;
}

/** Polls `probe` until it holds; throws `timed out waiting until <what>` once the deadline has passed. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, options: UntilOptions = {}): Promise<void> {
  const { deadlineMs = 60_000, everyMs = 100, tolerateErrors = false } = options;
  const end = Date.now() + deadlineMs;
  const ask = tolerateErrors
    ? () =>
        Promise.resolve()
          .then(probe)
          .catch(() => false)
    : () => Promise.resolve(probe());
  while (!(await ask())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
