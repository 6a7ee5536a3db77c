/**
 * The registered hosts' web origins for the web UI's Content-Security-Policy (form-action), read from the store once
 * and kept in memory instead of on every page load. `clear()` drops them when this instance adds, changes or removes a
 * host. With several instances on one PostgreSQL database another instance's change reaches this one only when the copy
 * expires: `maxAgeMs` (a few seconds) bounds how long a page may lack a just-added host's origin.
 */
export class CachedFormOrigins {
  readonly #load: () => Promise<string[]>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #entry: { origins: Promise<string[]>; at: number } | undefined;

  constructor(load: () => Promise<string[]>, options: { maxAgeMs?: number; now?: () => number } = {}) {
    this.#load = load;
    this.#maxAgeMs = options.maxAgeMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  /** The origins, from memory while fresh; a failed read is not kept. */
  get(): Promise<string[]> {
    const entry = this.#entry;
    if (entry && this.#now() - entry.at < this.#maxAgeMs) return entry.origins;
    const fresh = { origins: this.#load(), at: this.#now() };
    this.#entry = fresh;
    fresh.origins.catch(() => {
      if (this.#entry === fresh) this.#entry = undefined;
    });
    return fresh.origins;
  }

  /** Forgets the origins: the next page load reads the hosts again. */
  clear(): void {
    this.#entry = undefined;
  }
}
