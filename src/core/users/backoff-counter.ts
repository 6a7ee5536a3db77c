/** How a run of failures under one key turns into waiting: a few free tries, then a delay that doubles. */
export interface BackoffPolicy {
  /** Failures allowed before the first delay. */
  freeFailures: number;
  /** The delay after the first failure past the free ones; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key quiet this long starts over (its failures are forgotten). */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/**
 * Counts failures per key (a username, an address) with exponential back-off, in memory.
 * At most `maxKeys` keys are kept: the ones quiet longest go first, so a flood of new keys costs bounded memory.
 */
export class BackoffCounter {
  readonly #policy: BackoffPolicy;
  readonly #maxKeys: number;
  readonly #entries = new Map<string, Entry>();

  constructor(policy: BackoffPolicy, maxKeys = 10_000) {
    this.#policy = policy;
    this.#maxKeys = maxKeys;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const entry = this.#live(key, now);
    return entry === undefined ? 0 : Math.max(0, entry.blockedUntil - now);
  }

  /** Failures `key` has had in its current run (0 when none or forgotten). */
  failures(key: string, now: number): number {
    return this.#live(key, now)?.failures ?? 0;
  }

  /** Counts one failure; returns the wait it imposes (0 while the free tries last). */
  fail(key: string, now: number): number {
    const failures = (this.#live(key, now)?.failures ?? 0) + 1;
    const over = failures - this.#policy.freeFailures;
    const delay = over <= 0 ? 0 : Math.min(this.#policy.maxDelayMs, this.#policy.firstDelayMs * 2 ** Math.min(over - 1, 30));
    this.#entries.delete(key);
    this.#entries.set(key, { failures, lastFailureAt: now, blockedUntil: now + delay });
    if (this.#entries.size > this.#maxKeys) this.#entries.delete(this.#entries.keys().next().value as string);
    return delay;
  }

  /** Forgets `key`'s failures (a successful sign-in). */
  reset(key: string): void {
    this.#entries.delete(key);
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.lastFailureAt > this.#policy.forgetAfterMs && now >= entry.blockedUntil) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
